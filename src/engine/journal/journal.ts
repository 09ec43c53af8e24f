import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

export interface JournalRecord {
  at: string
  key: string
  file: string
  /** `outcome-unknown`: sent, and no answer (or a 200 whose body was lost): the provider may have charged it. */
  event: 'sending' | 'received' | 'failed' | 'outcome-unknown'
  detail?: string
}

/**
 * Append-only log of every request's life, flushed to disk before the request is sent (group commit:
 * concurrent appends share one fsync). After a crash it tells which images were in flight and may have
 * been charged without their result arriving.
 */
export class Journal {
  private handle: FileHandle | null = null
  private pending: { line: string; done: () => void; fail: (e: Error) => void }[] = []
  private flushing: Promise<void> | null = null

  constructor(readonly path: string) {}

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
          if (!this.handle) {
            await mkdir(dirname(this.path), { recursive: true })
            this.handle = await open(this.path, 'a')
          }
          await this.handle.write(batch.map((b) => b.line).join(''))
          await this.handle.datasync()
          for (const b of batch) b.done()
        } catch (error) {
          for (const b of batch) b.fail(error as Error)
        }
      }
    } finally {
      this.flushing = null
    }
  }

  async close(): Promise<void> {
    await this.flushing
    await this.handle?.close()
    this.handle = null
  }

  /**
   * Keys that may have been charged without their result arriving in earlier runs: sent and never
   * answered (the process died mid-request), or noted as outcome unknown and never received since.
   * A torn last line is ignored.
   */
  static async unanswered(path: string): Promise<Map<string, JournalRecord>> {
    const open = new Map<string, JournalRecord>()
    const unknown = new Map<string, JournalRecord>()
    const text = await readFile(path, 'utf8').catch(() => '')
    for (const line of text.split('\n')) {
      let record: JournalRecord
      try {
        record = JSON.parse(line) as JournalRecord
      } catch {
        continue
      }
      if (record.event === 'sending') open.set(record.key, record)
      else open.delete(record.key)
      if (record.event === 'outcome-unknown') unknown.set(record.key, record)
      if (record.event === 'received') unknown.delete(record.key)
    }
    return new Map([...unknown, ...open])
  }
}
