import PQueue from 'p-queue'
import { inspectFile } from '../../engine'
import type { Catalog } from '../catalog/catalog'
import { catalogFacts } from '../jobs/results'
import type { PhotoEvents } from './photo-events'

/** Photos read per round: small enough that each catalog write is a short transaction. */
const ROUND = 100

/**
 * Fills in each new photo's format, dimensions and orientation in the background, after it is already
 * listed. The decoding runs on libuv's pool (sharp), a few files at a time; main's event loop only
 * collects the answers.
 */
export class FactsReader {
  private readonly work = new PQueue({ concurrency: 2 })
  private running: Promise<void> | null = null
  private stopped = false

  constructor(
    private readonly catalog: Catalog,
    private readonly events: PhotoEvents
  ) {}

  /** Starts reading whatever is pending, unless a round is already under way. */
  wake(): void {
    this.running ??= this.drain().finally(() => (this.running = null))
  }

  /** Resolves when nothing is left to read (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.running
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const round = this.catalog.pendingFacts(ROUND)
      if (!round.length) return
      await Promise.all(
        round.map((photo) =>
          this.work.add(async () => {
            if (this.stopped) return
            const inspection = await inspectFile(photo.path)
            // Removed from the catalog while its file was being read: nothing to record.
            if (this.stopped || !this.catalog.photo(photo.id)) return
            this.catalog.setPhotoFacts(photo.id, inspection.ok ? catalogFacts(inspection) : { unreadable: inspection.reason })
            this.events.changed([photo.id])
          })
        )
      )
      this.events.summaryChanged()
    }
  }
}
