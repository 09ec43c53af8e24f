import { open, readFile } from 'node:fs/promises'
import sharp, { type Sharp } from 'sharp'
import { decodeHeic, embeddedPreview } from '../../engine'
import { RAW_NAME } from '../../shared/images/formats'
import { RenderCache } from './render-cache'

/** A photo's file, and its format when known (a JPEG may carry a preview). */
export interface ThumbnailSource {
  path: string
  format: string | null
}

/** Long edge of a gallery thumbnail; an embedded preview at least this large is used as it is. */
export const THUMB_EDGE = 320

/**
 * Gallery thumbnails, cached on disk by file identity (path, size, modification time). Camera JPEGs
 * and RAW files carry a preview, which is used when large enough: no full decode at all. Otherwise
 * sharp (or libheif, for HEIC) decodes and shrinks; sharp's work runs on libuv's thread pool.
 */
export class Thumbnails {
  /** Two at a time (the cache's own limit): a folder of 2,000 photos must not start 2,000 decodes. */
  private readonly cache: RenderCache

  constructor(cacheDir: string) {
    this.cache = new RenderCache(cacheDir, 'jpg')
  }

  pathFor(image: ThumbnailSource): Promise<string> {
    return this.cache.pathFor('thumbnail', [image.path], () => render(image))
  }
}

async function render(image: ThumbnailSource): Promise<Buffer> {
  // A RAW file is shown by the preview its camera embedded, which is all a gallery needs.
  if (RAW_NAME.test(image.path)) return shrink(sharp(await rawPreview(image.path)))
  if (image.format === 'jpeg') {
    // EXIF lives in one APP1 segment of at most 64 KB near the start: read that, not a 40 MB raw-size JPEG.
    const preview = await embeddedPreview(await readHead(image.path, 128 * 1024))
    if (preview && Math.max(preview.width, preview.height) >= THUMB_EDGE) return preview.bytes
  }
  if (image.format === 'heic') return shrink((await decodeHeic(await readFile(image.path)))())
  return shrink(sharp(image.path).rotate())
}

function shrink(image: Sharp): Promise<Buffer> {
  // A cut-out's transparency on the light neutral grey of a tile, not JPEG's black.
  return image.resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true }).flatten({ background: '#d9d9d9' }).jpeg({ quality: 80 }).toBuffer()
}

async function rawPreview(path: string): Promise<Buffer> {
  const preview = await embeddedPreview(path)
  if (!preview) throw new Error('this RAW file has no embedded preview Proofsheet can read')
  return preview.bytes
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
