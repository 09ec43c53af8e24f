import exifr from 'exifr'
import sharp from 'sharp'

/** The preview carries no orientation of its own; these are the plain rotations cameras write. */
const ORIENTATION_DEGREES: Record<number, number> = { 3: 180, 6: 90, 8: 270 }

export interface Preview {
  /** JPEG, upright. */
  bytes: Buffer
  width: number
  height: number
}

/**
 * The JPEG preview a camera embeds (IFD1 of the EXIF block, or of a TIFF-based RAW file), turned
 * upright as the photo itself is; undefined when there is none or it does not decode.
 */
export async function embeddedPreview(source: Buffer | string): Promise<Preview | undefined> {
  const bytes = await exifr.thumbnail(source).catch(() => undefined)
  if (!bytes) return undefined
  const preview = Buffer.from(bytes)
  const meta = await sharp(preview).metadata().catch(() => undefined)
  if (!meta) return undefined
  const degrees = ORIENTATION_DEGREES[(await exifr.orientation(source).catch(() => 1)) ?? 1]
  if (!degrees) return { bytes: preview, width: meta.width, height: meta.height }
  const turned = await sharp(preview).rotate(degrees).jpeg({ quality: 95 }).toBuffer({ resolveWithObject: true })
  return { bytes: turned.data, width: turned.info.width, height: turned.info.height }
}
