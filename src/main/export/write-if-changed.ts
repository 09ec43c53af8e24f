import { readFile, stat } from 'node:fs/promises'
import { writeFileAtomic } from '../../engine'

export type WriteOutcome = 'written' | 'unchanged'

/**
 * Writes atomically (a temporary file in the same folder, flushed, renamed) unless the file already
 * holds exactly these bytes: a re-export then touches nothing, not even the modification time.
 */
export async function writeIfChanged(path: string, data: Buffer | string): Promise<WriteOutcome> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const existing = await stat(path).catch(() => undefined)
  if (existing?.isFile() && existing.size === bytes.length && (await readFile(path)).equals(bytes)) return 'unchanged'
  await writeFileAtomic(path, bytes)
  return 'written'
}
