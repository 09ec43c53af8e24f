import { stat } from 'node:fs/promises'
import type { Exifr as Reader } from 'exifr'
import { loadExifr } from './libraries'

type Options = NonNullable<ConstructorParameters<typeof Reader>[0]>

/**
 * A file's EXIF as exifr parses it, reading only the blocks it needs, with the file it opens always
 * closed here: exifr's own `parse(path)` leaves an empty file's handle to the garbage collector.
 * Undefined when the file is not there, is empty, or has nothing exifr can read.
 */
export async function readExif(path: string, options: Options): Promise<Record<string, unknown> | undefined> {
  const info = await stat(path).catch(() => null)
  if (!info?.isFile() || info.size === 0) return undefined
  // exifr is CommonJS (UMD): its reader class is there at run time, but only its default export is typed.
  const { Exifr } = (await loadExifr()) as unknown as { Exifr: typeof Reader }
  const reader = new Exifr(options)
  try {
    await reader.read(path)
    return (await reader.parse()) as Record<string, unknown> | undefined
  } catch {
    return undefined
  } finally {
    await (reader as unknown as { file?: { close?(): Promise<void> } }).file?.close?.()
  }
}
