import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { openQuestions, paidRecords, parseRecords, type JournalRecord } from './journal-records'
import { identityOf, upkeepJournal, type FileIdentity, type StillNeeded } from './journal-upkeep'
import type { ReadUpTo } from '../files/file-steps'
import { onFileThread } from '../files/file-thread'

export type { JournalRecord }

/**
 * Append-only log of every request's life, flushed to disk before the request is sent (group commit:
 * concurrent appends share one fsync). After a crash it tells which images were in flight and may have
 * been charged without their result arriving.
 */
export class Journal {
  private handle: FileHandle | null = null
  /** The file `handle` has open, taken when it was opened: one lookup of the name a flush, not two. */
  private opened: FileIdentity | null = null
  private pending: { line: string; done: () => void; fail: (e: Error) => void }[] = []
  private flushing: Promise<void> | null = null
  /** Where this process has read the journal up to: what others appended since is read by `recordsSince`. */
  private readUpTo: ReadUpTo | null = null

  constructor(readonly path: string) {}

  /**
   * The records appended since this process last read the journal (by any process on the state folder,
   * this one too); every record, when another run has compacted it meanwhile.
   */
  async recordsSince(): Promise<JournalRecord[]> {
    // One that cannot be read says nothing new, as a missing one does.
    const read = await onFileThread('journalTailStep', { path: this.path, upTo: this.readUpTo }).catch(() => null)
    if (!read) return []
    this.readUpTo = read.upTo
    return parseRecords(read.text)
  }

  async append(record: Omit<JournalRecord, 'at'>): Promise<void> {
    const line = `${JSON.stringify({ at: new Date().toISOString(), ...record })}\n`
    await new Promise<void>((done, fail) => {
      this.pending.push({ line, done, fail })
      this.flushing ??= this.flush()
    })
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0)
        try {
          await this.write(batch.map((b) => b.line).join(''))
          for (const b of batch) b.done()
        } catch (error) {
          for (const b of batch) b.fail(error as Error)
        }
      }
    } finally {
      this.flushing = null
    }
  }

  /** `text` appended and flushed to the journal that is at its path once it is written. */
  private async write(text: string): Promise<void> {
    // A handle gone bad (ESTALE, once another machine compacted a journal on a share) is given up, and
    // the lines written once more by name; a line the failed write tore is ended first.
    const replaced = await this.appendFlushed(text).catch(() => this.appendFlushed(`\n${text}`))
    // Another run compacted the journal (a new file renamed over it) before or while this was written:
    // what went to the old file is written again to the new one. A line twice says nothing new.
    if (replaced) {
      await this.drop()
      await this.appendFlushed(text)
    }
  }

  /** Appended and flushed on the file thread, which then says whether the name still leads to this file (appendStep). */
  private async appendFlushed(text: string): Promise<boolean> {
    try {
      if (!this.handle) {
        await mkdir(dirname(this.path), { recursive: true })
        const handle = await open(this.path, 'a')
        // The handle is kept only with the identity of what it opened.
        this.opened = await identityOf(handle).catch(async (error: unknown) => {
          await handle.close().catch(() => undefined)
          throw error
        })
        this.handle = handle
      }
      return await onFileThread('appendStep', { fd: this.handle.fd, text, path: this.path, ...this.opened! })
    } catch (error) {
      await this.drop()
      throw error
    }
  }

  private async drop(): Promise<void> {
    const handle = this.handle
    this.handle = null
    this.opened = null
    await handle?.close().catch(() => undefined)
  }

  /**
   * The handle closed once no flush is going on: the file thread writes to its descriptor, which must
   * not be closed (and its number given to another file) under it. An append after this opens it again.
   */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing
    const handle = this.handle
    this.handle = null
    this.opened = null
    await handle?.close()
  }

  /**
   * Opens the journal for a run: repaired and compacted if need be, then read for the keys that may
   * have been charged without their result arriving in earlier runs (`unanswered`), and for the last
   * word on each key paid for (`paid`: where it was written, or that it was lost).
   */
  static async open(path: string, compactAt?: number, stillNeeded?: StillNeeded): Promise<{ journal: Journal; unanswered: Map<string, JournalRecord>; paid: Map<string, JournalRecord> }> {
    await upkeepJournal(path, compactAt, stillNeeded)
    const journal = new Journal(path)
    const records = await journal.recordsSince()
    return { journal, unanswered: openQuestions(records), paid: paidRecords(records) }
  }
}
