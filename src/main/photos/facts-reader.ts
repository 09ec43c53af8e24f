import { stat } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import PQueue from 'p-queue'
import { inspectFile, type Inspection } from '../../engine'
import type { Catalog } from '../catalog/catalog'
import type { PhotoRow } from '../catalog/photos'
import { catalogFacts } from '../jobs/results'
import { captureDate } from './capture-date'
import { ChangedFiles } from './changed-files'
import type { PhotoEvents } from './photo-events'

/** Photos read per round: small enough that each catalog write is a short transaction. */
const ROUND = 100
/** How long a file must go unwritten before a failure to read it counts: a copy may pause between its parts. */
export const STILL_MS = 2_000

/**
 * Fills in each new photo's format, dimensions, orientation and capture date in the background, after
 * it is already listed. The decoding runs on libuv's pool (sharp), a few files at a time; main's event
 * loop only collects the answers. Whatever goes wrong with one file is that photo's reason, never the
 * end of the reading. A file that fails while it is still being written is read again once it has
 * been still for a while, and an unreadable file is read again when it changes.
 */
export class FactsReader {
  private readonly work = new PQueue({ concurrency: 2 })
  private running: Promise<void> | null = null
  private stopped = false
  /** Photos whose file failed while still being written, each with the timer that reads it again. */
  private readonly settling = new Map<number, NodeJS.Timeout>()
  /** The file as last seen by a failed read: unchanged a while later means it is as whole as it gets. */
  private readonly lastSeen = new Map<number, { size: number; ctimeMs: number }>()
  /** Photos whose facts could not be written this session (the catalog refused): not tried again and again. */
  private readonly unwritable = new Set<number>()
  private readonly changes = new ChangedFiles((path) => {
    try {
      this.fileChanged(path)
    } catch (error) {
      console.error('Proofsheet: a changed photo could not be read again:', error)
    }
  })

  constructor(
    private readonly catalog: Catalog,
    private readonly events: PhotoEvents
  ) {
    void this.watchUnreadable()
  }

  /** Starts reading whatever is pending, unless a round is already under way. */
  wake(): void {
    if (this.stopped) return
    this.running ??= this.drain()
      .catch((error: Error) => console.error('Proofsheet: reading photo facts stopped early:', error))
      .finally(() => (this.running = null))
  }

  /** Resolves when nothing is left to read, files still being written included (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.running || this.settling.size) await (this.running ?? sleep(50))
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const timer of this.settling.values()) clearTimeout(timer)
    this.settling.clear()
    await this.running
    await this.changes.close()
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const waiting = this.settling.size + this.unwritable.size
      const round = this.catalog
        .pendingFacts(ROUND + waiting)
        .filter((photo) => !this.settling.has(photo.id) && !this.unwritable.has(photo.id))
        .slice(0, ROUND)
      if (round.length) {
        await Promise.all(round.map((photo) => this.work.add(() => this.read(photo))))
        this.events.summaryChanged()
        continue
      }
      const undated = this.catalog
        .undatedPhotos(ROUND + this.unwritable.size)
        .filter(({ id }) => !this.unwritable.has(id))
        .slice(0, ROUND)
      if (!undated.length) return
      await Promise.all(
        undated.map(({ id, path }) =>
          this.work.add(async () => {
            const date = await captureDate(path)
            this.written(id, () => this.catalog.setCaptureDate(id, date))
          })
        )
      )
    }
  }

  private async read(photo: PhotoRow): Promise<void> {
    if (this.stopped) return
    const inspection = await inspectFile(photo.path).catch((error: Error): Inspection => ({ ok: false, reason: `the file could not be read (${error.message})` }))
    // Removed from the catalog while its file was being read: nothing to record.
    if (this.stopped || !this.catalog.photo(photo.id)) return
    const still = inspection.ok ? undefined : await this.stillFile(photo)
    if (still === 'being written') return
    if (!this.written(photo.id, () => this.catalog.setPhotoFacts(photo.id, inspection.ok ? catalogFacts(inspection) : { unreadable: inspection.reason, ...still }))) return
    if (inspection.ok) this.changes.forget(photo.path)
    else this.changes.watch(photo.path, still)
    this.events.changed([photo.id])
  }

  /** One photo's catalog write; one the catalog refuses (the photo just removed, a failing disk) is not tried again this session. */
  private written(id: number, write: () => void): boolean {
    try {
      write()
      return true
    } catch {
      this.unwritable.add(id)
      return false
    }
  }

  /**
   * Whether a file that failed is still being written: changed in the last STILL_MS and not the same as
   * a failed read saw it STILL_MS before. If so it is read again once still; else its size and time.
   */
  private async stillFile(photo: PhotoRow): Promise<'being written' | { size: number; mtimeMs: number } | undefined> {
    const info = await stat(photo.path).catch(() => undefined)
    if (!info) return undefined
    const seen = this.lastSeen.get(photo.id)
    const unchanged = seen?.size === info.size && seen.ctimeMs === info.ctimeMs
    // ctime, not mtime: a copy may set the original's modification time, never the change time.
    const quietFor = Date.now() - Math.max(info.mtimeMs, info.ctimeMs)
    if (unchanged || quietFor >= STILL_MS || this.stopped) {
      this.lastSeen.delete(photo.id)
      return { size: info.size, mtimeMs: info.mtimeMs }
    }
    this.lastSeen.set(photo.id, { size: info.size, ctimeMs: info.ctimeMs })
    const timer = setTimeout(
      () => {
        this.settling.delete(photo.id)
        this.wake()
      },
      Math.min(STILL_MS, STILL_MS - quietFor) + 50
    )
    this.settling.set(photo.id, timer)
    return 'being written'
  }

  /** An unreadable photo's file changed (a copy finished, the user replaced it): read it again. */
  private fileChanged(path: string): void {
    const photo = this.catalog.photoByPath(path)
    if (!photo) return this.changes.forget(path)
    if (!this.catalog.readPhotoAgain(photo.id)) return
    this.unwritable.delete(photo.id)
    this.events.changed([photo.id])
    this.events.summaryChanged()
    this.wake()
  }

  /** Unreadable photos from earlier: watched from now on, and read again at once if their file changed meanwhile. */
  private async watchUnreadable(): Promise<void> {
    for (const photo of this.catalog.unreadablePhotos(500)) {
      const info = await stat(photo.path).catch(() => undefined)
      if (this.stopped) return
      if (info && (info.size !== photo.size || info.mtimeMs !== photo.mtimeMs)) this.fileChanged(photo.path)
      else this.changes.watch(photo.path)
    }
  }
}
