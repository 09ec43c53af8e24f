import { createHash } from 'node:crypto'
import { access, open, stat } from 'node:fs/promises'
import { join } from 'node:path'
import exifr from 'exifr'
import PQueue from 'p-queue'
import sharp from 'sharp'
import { writeFileAtomic } from '../../engine/files/atomic-write'

/** A photo's file, and its format when known (a JPEG may carry a preview). */
export interface ThumbnailSource {
  path: string
  format: string | null
}

/** Long edge of a gallery thumbnail; an embedded preview at least this large is used as it is. */
export const THUMB_EDGE = 320

/**
 * Gallery thumbnails, cached on disk by file identity (path, size, modification time). Camera JPEGs
 * carry a preview in their EXIF, which is used when large enough: no full decode at all. Otherwise
 * sharp decodes and shrinks; its work runs on libuv's thread pool, never on main's event loop.
 */
export class Thumbnails {
  /** Two at a time: a folder of 2,000 photos must not start 2,000 decodes. */
  private readonly work = new PQueue({ concurrency: 2 })
  private readonly pending = new Map<string, Promise<string>>()

  constructor(private readonly cacheDir: string) {}

  async pathFor(image: ThumbnailSource): Promise<string> {
    const info = await stat(image.path)
    const id = createHash('sha256').update(`${image.path}\0${info.size}\0${info.mtimeMs}`).digest('hex').slice(0, 32)
    const target = join(this.cacheDir, `${id}.jpg`)
    if (await exists(target)) return target
    const running = this.pending.get(target)
    if (running) return running
    const made = this.work
      .add(async () => {
        await writeFileAtomic(target, await render(image))
        return target
      })
      .finally(() => this.pending.delete(target)) as Promise<string>
    this.pending.set(target, made)
    return made
  }
}

async function render(image: ThumbnailSource): Promise<Buffer> {
  if (image.format === 'jpeg') {
    const preview = await embeddedPreview(image.path)
    if (preview) return preview
  }
  return sharp(image.path).rotate().resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer()
}

/** The EXIF preview, turned upright as the photo itself is; undefined when absent or too small. */
async function embeddedPreview(path: string): Promise<Buffer | undefined> {
  // EXIF lives in one APP1 segment of at most 64 KB near the start: read that, not a 40 MB raw-size JPEG.
  const head = await readHead(path, 128 * 1024)
  const bytes = await exifr.thumbnail(head).catch(() => undefined)
  if (!bytes) return undefined
  const preview = sharp(Buffer.from(bytes))
  const meta = await preview.metadata().catch(() => undefined)
  if (!meta || Math.max(meta.width, meta.height) < THUMB_EDGE) return undefined
  const orientation = (await exifr.orientation(head).catch(() => 1)) ?? 1
  if (orientation === 1) return Buffer.from(bytes)
  return preview.rotate(ORIENTATION_DEGREES[orientation] ?? 0).jpeg({ quality: 85 }).toBuffer()
}

/** The preview carries no orientation of its own; these are the plain rotations cameras write. */
const ORIENTATION_DEGREES: Record<number, number> = { 3: 180, 6: 90, 8: 270 }

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

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false
  )
}
