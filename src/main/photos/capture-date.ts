import { readExif } from '../../engine'

/**
 * When the photo was taken, in ms: EXIF DateTimeOriginal, else CreateDate (as the camera's clock read
 * it); null when the file does not say. exifr reads only the blocks holding them.
 */
export async function captureDate(path: string): Promise<number | null> {
  const tags = await readExif(path, { pick: ['DateTimeOriginal', 'CreateDate'] })
  const date = tags?.['DateTimeOriginal'] ?? tags?.['CreateDate']
  return date instanceof Date && Number.isFinite(date.getTime()) ? date.getTime() : null
}
