import { openAsBlob } from 'node:fs'
import sharp from 'sharp'
import type { ImageFormat } from '../../shared/images/sniff-format'

const MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  avif: 'image/avif',
  gif: 'image/gif',
  tiff: 'image/tiff'
}

/**
 * Pixels re-encoded upright for a photo whose EXIF says to rotate it, so every provider sees it the
 * way the photographer does. The colour profile is kept; JPEG at quality 95 keeps it visually lossless.
 */
async function uprightBytes(path: string, format: ImageFormat): Promise<Buffer> {
  const image = sharp(path).rotate().keepIccProfile()
  if (format === 'png') return image.png().toBuffer()
  if (format === 'webp') return image.webp({ quality: 95 }).toBuffer()
  return image.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer()
}

/** What to upload: the file itself, read lazily from disk, unless EXIF says it must be turned upright first. */
export async function uploadBody(path: string, format: ImageFormat, orientation: number): Promise<Blob> {
  if (orientation > 1 && format !== 'heic') return new Blob([new Uint8Array(await uprightBytes(path, format))], { type: MIME[format] })
  return openAsBlob(path, { type: MIME[format] })
}
