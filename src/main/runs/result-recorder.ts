import { operationById, type ProviderId, type WorkItem } from '../../engine'
import type { EmitEvent } from '../../shared/ipc/contract'
import type { Catalog } from '../catalog/catalog'
import { recordResult } from '../jobs/results'
import type { PhotoEvents } from '../photos/photo-events'

export interface RecorderOptions {
  catalog: Catalog
  photoEvents: PhotoEvents
  emit: EmitEvent
  variantsDir: string
  /** Whether the item was bought with a sandbox key: its result is a proof. */
  sandbox(item: WorkItem, provider: ProviderId): boolean
  /** A result was recorded for a photo this item paid for. */
  paid(provider: ProviderId): void
}

/** Waits between tries while the catalog refuses to record results: soon at first, then once a minute. */
const RETRY_MS = [2_000, 10_000, 60_000]

/**
 * Each finished item becomes a result of its photo. A catalog that refuses the write (a full disk, a
 * damaged file) after the purchase is said so at once, and the write is tried again until it takes,
 * and at the next start: the purchase stays findable through its work item (key and outputs), and
 * nothing is bought again for it.
 */
export class ResultRecorder {
  private retry: NodeJS.Timeout | undefined
  /** Whether the catalog refused a result since it last took them all, and how many retries since. */
  private failing = false
  private retries = 0

  constructor(private readonly o: RecorderOptions) {}

  /** Records one finished item; a refusal is told and left for the retry. */
  record(item: WorkItem): void {
    try {
      this.write(item)
    } catch (error) {
      this.refused(error as Error)
    }
  }

  /** Records what an earlier try (or an earlier run of the app) could not. */
  recordUnrecorded(): void {
    const missing = this.o.catalog.workItems.unrecorded()
    try {
      for (const item of missing) this.write(item)
    } catch (error) {
      return this.refused(error as Error)
    }
    if (this.failing && missing.length) this.o.emit('notice', { level: 'info', message: `The catalog has recorded the ${missing.length} paid ${missing.length === 1 ? 'result' : 'results'} it could not record before.` })
    this.failing = false
    this.retries = 0
  }

  close(): void {
    clearTimeout(this.retry)
    this.retry = undefined
  }

  private write(item: WorkItem): void {
    const operation = operationById(item.spec.operation)
    if (!operation) return
    const photoId = Number(item.spec.ref)
    const run = { operation, values: item.spec.values, sandbox: this.o.sandbox(item, operation.provider) }
    const resultId = recordResult(this.o.catalog, photoId, item.job, run, this.o.variantsDir)
    if (resultId !== null) {
      this.o.emit('result', { photoId, resultId, outputs: item.job.outputs?.length ?? 0 })
      this.o.photoEvents.changed([photoId])
    }
    if (item.job.state === 'done') this.o.paid(operation.provider)
  }

  private refused(error: Error): void {
    if (!this.failing) {
      const message = `The catalog could not record a paid result (${error.message}). The result is written in the output folder and kept by Proofsheet, so it is not bought again; Proofsheet tries to record it again until it can.`
      this.o.emit('notice', { level: 'error', message })
    }
    this.failing = true
    if (this.retry) return
    this.retry = setTimeout(() => {
      this.retry = undefined
      this.retries++
      this.recordUnrecorded()
    }, RETRY_MS[Math.min(this.retries, RETRY_MS.length - 1)])
    this.retry.unref()
  }
}
