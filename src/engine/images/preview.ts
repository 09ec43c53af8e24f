import { loadExifr, loadSharp } from './libraries'
import { embeddedJpegs, endsWithEoi, withFileSource } from './raw-previews'

/** The preview carries no orientation of its own; these are the plain rotations cameras write. */
const ORIENTATION_DEGREES: Record<number, number> = { 3: 180, 6: 90, 8: 270 }

export interface Preview {
  /** JPEG, upright. */
  bytes: Buffer
  width: number
  height: number
}

/** The largest JPEG a TIFF-based RAW file embeds (IFD0 strip, sub-IFDs, IFD1) that sharp can open. */
async function largestInFile(path: string): Promise<Buffer | undefined> {
  const sharp = await loadSharp()
  return withFileSource(path, async (source) => {
    for (const jpeg of await embeddedJpegs(source)) {
      const bytes = Buffer.from(await source.read(jpeg.offset, jpeg.length))
      if (await sharp(bytes).metadata().catch(() => undefined)) return bytes
    }
    return undefined
  }).catch(() => undefined)
}

/** Where the orientation tag is (IFD0, at the start of a TIFF-based RAW file): read with our own handle, closed at once. */
const HEAD_BYTES = 64 * 1024

/**
 * The JPEG preview a camera embeds, turned upright as the photo itself is; undefined when there is none
 * or it does not decode. For a RAW file (a path) the largest one; for a JPEG's first bytes, the
 * thumbnail in IFD1 of its EXIF block. exifr is given bytes only: given a path it opens the file
 * itself and, finding no thumbnail, leaves it to the garbage collector to close.
 */
export async function embeddedPreview(source: Buffer | string): Promise<Preview | undefined> {
  const [sharp, exifr] = await Promise.all([loadSharp(), loadExifr()])
  const found = typeof source === 'string' ? await largestInFile(source) : undefined
  const bytes = found ?? (typeof source === 'string' ? undefined : await exifr.thumbnail(source).catch(() => undefined))
  if (!bytes || !endsWithEoi(Buffer.from(bytes.subarray(-64)))) return undefined
  const preview = Buffer.from(bytes)
  const meta = await sharp(preview).metadata().catch(() => undefined)
  if (!meta) return undefined
  const head = typeof source === 'string' ? await withFileSource(source, (file) => file.read(0, HEAD_BYTES)).catch(() => undefined) : source
  const degrees = ORIENTATION_DEGREES[(head && (await exifr.orientation(head).catch(() => 1))) ?? 1]
  if (!degrees) return { bytes: preview, width: meta.width, height: meta.height }
  // Turning decodes every pixel: a preview damaged inside is no preview, never a failure of its photo's reading.
  const turned = await sharp(preview).rotate(degrees).jpeg({ quality: 95 }).toBuffer({ resolveWithObject: true }).catch(() => undefined)
  return turned && { bytes: turned.data, width: turned.info.width, height: turned.info.height }
}
