import sharp from 'sharp'
import type { ImageFormat } from '../../shared/images/sniff-format'

/**
 * Pixels re-encoded upright for a photo whose EXIF says to rotate it, so every provider sees it the
 * way the photographer does. The colour profile is kept; JPEG at quality 95 keeps it visually lossless.
 */
export async function uprightBytes(path: string, format: ImageFormat): Promise<Buffer> {
  const image = sharp(path).rotate().keepIccProfile()
  if (format === 'png') return image.png().toBuffer()
  if (format === 'webp') return image.webp({ quality: 95 }).toBuffer()
  return image.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer()
}
