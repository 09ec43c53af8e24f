import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { RAW_NAME } from '../../shared/images/formats'
import { JobError } from '../errors'
import { rawSource } from './raw'

/** The bytes that stand for a photo, hashed into its purchase and sent; a RAW file's note says what went instead. */
export interface Source {
  bytes: Buffer
  note?: string
}

export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The file's own bytes, or for a RAW file its sibling's or its embedded preview's. */
export async function readSource(path: string): Promise<Source> {
  if (!RAW_NAME.test(path)) return { bytes: await readFile(path) }
  const raw = await rawSource(path)
  if ('skip' in raw) throw new JobError('unsupported-input', raw.skip)
  if ('sibling' in raw) return { bytes: await readFile(raw.sibling), note: raw.note }
  return { bytes: raw.preview.bytes, note: raw.note }
}

/**
 * The photo's bytes as they were when their hash named the purchase. When only the hash was kept, the
 * file is read again and must still match, so what is sent is always what was paid for.
 */
export async function hashedSource(path: string, hash: string, kept?: Source): Promise<Source> {
  if (kept) return kept
  const source = await readSource(path)
  if (contentHash(source.bytes) !== hash) throw new JobError('unsupported-input', 'the file changed after it was checked; nothing was sent (run the batch again to send its new content)')
  return source
}
