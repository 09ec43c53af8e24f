/** The formats the three services name: JPEG, PNG, WebP, HEIC/HEIF, and the ones they refuse. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'heic' | 'avif' | 'gif' | 'tiff'

/** Magic numbers: the bytes at an offset that mark a format, as a real service tells formats apart. */
const SIGNATURES: { format: ImageFormat; at: number; bytes: string; also?: { at: number; bytes: string } }[] = [
  { format: 'jpeg', at: 0, bytes: '\xff\xd8\xff' },
  { format: 'png', at: 0, bytes: '\x89PNG\r\n\x1a\n' },
  { format: 'webp', at: 0, bytes: 'RIFF', also: { at: 8, bytes: 'WEBP' } },
  { format: 'gif', at: 0, bytes: 'GIF8' },
  { format: 'tiff', at: 0, bytes: 'II*\0' },
  { format: 'tiff', at: 0, bytes: 'MM\0*' }
]
const AVIF_BRANDS = ['avif', 'avis']
const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']

const has = (bytes: Buffer, at: number, text: string): boolean => bytes.subarray(at, at + text.length).equals(Buffer.from(text, 'latin1'))

export function formatOf(bytes: Buffer): ImageFormat | null {
  if (bytes.length < 12) return null
  const signature = SIGNATURES.find((s) => has(bytes, s.at, s.bytes) && (!s.also || has(bytes, s.also.at, s.also.bytes)))
  if (signature) return signature.format
  if (!has(bytes, 4, 'ftyp')) return null
  const brand = bytes.subarray(8, 12).toString('latin1')
  if (AVIF_BRANDS.includes(brand)) return 'avif'
  return HEIF_BRANDS.includes(brand) ? 'heic' : null
}
