import type { ImageFormat } from '../../shared/images/formats'

/** More pixels than any camera writes (the largest sensors make about 150 MP); decoding more risks the memory of the machine. */
export const MAX_PIXELS = 200_000_000

/**
 * The most pixels one PNG byte can stand for: a 1-bit image (8 pixels a byte) at deflate's best ratio
 * (1032:1). A PNG declaring more is lying about its size.
 */
const PNG_PIXELS_PER_BYTE = 8 * 1032

const megapixels = (pixels: number): string => `${Math.round(pixels / 1_000_000).toLocaleString('en')} MP`

/** Why a declared size must not be decoded, judged from the header alone; null when it is sane. */
export function pixelBombReason(format: ImageFormat, width: number, height: number, bytes: number): string | null {
  const pixels = width * height
  if (pixels > MAX_PIXELS) return `the image declares ${width} × ${height} pixels (${megapixels(pixels)}); Proofsheet does not open images over ${megapixels(MAX_PIXELS)}`
  if (format === 'png' && pixels > bytes * PNG_PIXELS_PER_BYTE) return `the image declares ${width} × ${height} pixels, impossible in a file of ${bytes.toLocaleString('en')} bytes`
  return null
}
