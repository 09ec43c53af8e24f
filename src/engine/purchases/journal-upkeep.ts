import { appendFile, open, type FileHandle } from 'node:fs/promises'
import { writeFileAtomic } from '../files/atomic-write'
import { withFileLock } from './file-lock'
import { openQuestions, paidRecords, parseRecords, type JournalRecord } from './journal-records'

/** Past this size the journal is rewritten with only what a later run still needs. */
export const COMPACT_AT_BYTES = 4 * 1024 * 1024

/** Whether a paid record is still the only trace of its result (its cache entry was never made). */
export type StillNeeded = (record: JournalRecord) => Promise<boolean>

/**
 * Run when a batch opens the journal, under its lock so two runs never both rewrite it. A torn last
 * line (a crash mid-append) is ended, so the next record starts on a line of its own; a journal past
 * `compactAt` keeps only the records of keys still open (sent and never answered, or outcome unknown)
 * and of paid keys whose record is `stillNeeded`. Lines another process appends while it is rewritten
 * are carried over.
 */
export function upkeepJournal(path: string, compactAt = COMPACT_AT_BYTES, stillNeeded: StillNeeded = async () => true): Promise<void> {
  return withFileLock(path, async () => {
    const handle = await open(path, 'r').catch(() => null)
    if (!handle) return
    try {
      const text = (await handle.readFile()).toString('utf8')
      const torn = text.length > 0 && !text.endsWith('\n')
      if (Buffer.byteLength(text) < compactAt) {
        if (torn) await appendFile(path, '\n')
        return
      }
      const records = parseRecords(text)
      const open = new Set(openQuestions(records).keys())
      for (const [key, record] of paidRecords(records)) if (await stillNeeded(record)) open.add(key)
      const kept = text.split('\n').filter((line) => {
        const key = /"key":"([0-9a-f]+)"/.exec(line)?.[1]
        return key !== undefined && open.has(key)
      })
      const readUpTo = Buffer.byteLength(text)
      await writeFileAtomic(path, kept.map((l) => `${l}\n`).join(''))
      const size = (await handle.stat()).size
      if (size > readUpTo) {
        const late = Buffer.alloc(size - readUpTo)
        await handle.read(late, 0, late.length, readUpTo)
        await appendCarriedOver(path, late)
      }
    } finally {
      await handle.close()
    }
  })
}

/** Lines another process appended while the journal was rewritten, carried over and flushed as their writer flushed them. */
async function appendCarriedOver(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'a')
  try {
    await handle.appendFile(bytes)
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

/** Which file a handle has open, taken once when it is opened: it does not change while it stays open. */
export interface FileIdentity {
  ino: bigint
  dev: bigint
}

/** The identity of the file `handle` has open, as big integers: a file id on NTFS or ReFS can be past what a number holds exactly. */
export async function identityOf(handle: FileHandle): Promise<FileIdentity> {
  const { ino, dev } = await handle.stat({ bigint: true })
  return { ino, dev }
}
