import exifr from 'exifr'

/**
 * When the photo was taken, in ms: EXIF DateTimeOriginal, else CreateDate (as the camera's clock read
 * it); null when the file does not say. exifr reads only the blocks holding them.
 */
export async function captureDate(path: string): Promise<number | null> {
  const tags = (await exifr.parse(path, { pick: ['DateTimeOriginal', 'CreateDate'] }).catch(() => undefined)) as Record<string, unknown> | undefined
  const date = tags?.['DateTimeOriginal'] ?? tags?.['CreateDate']
  return date instanceof Date && Number.isFinite(date.getTime()) ? date.getTime() : null
}
