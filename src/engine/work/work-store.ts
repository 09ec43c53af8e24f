import type { Job, JobState } from '../../shared/jobs'
import type { SharedQueue } from './shared-queue'
import type { NewWorkItem, WorkItem } from './work-item'

/**
 * Where a run's work items live while they wait, are worked on and end: in memory for the command
 * line and tests, in the catalog for the app, and in Redis for several seats (the team queue). The
 * worker sees only this, so any store can be put behind it.
 *
 * The contract each store keeps:
 * - `lease` hands out queued items, highest priority first, then oldest, each to one worker at a
 *   time, for `ttlMs`; a worker that stops calling `heartbeat` loses its leases when they expire, and
 *   its unfinished items are handed out again.
 * - `progress`, `complete` and `fail` are accepted only from the worker holding the lease.
 * - `claimPurchase` is SET-if-absent with an expiry: one worker at a time may buy a purchase key.
 */
export interface WorkStore {
  enqueue(items: readonly NewWorkItem[]): Promise<WorkItem[]>
  lease(worker: string, n: number, ttlMs: number): Promise<WorkItem[]>
  /** Extends every lease `worker` holds. */
  heartbeat(worker: string, ttlMs: number): Promise<void>
  /** A step on the item's way (ready, sending, retrying, waiting); its lease is kept. */
  progress(id: string, worker: string, job: Job): Promise<void>
  /** The item ended well (done, reused, skipped, estimated). */
  complete(id: string, worker: string, job: Job): Promise<void>
  /** The item ended without a result (failed, blocked, cancelled). */
  fail(id: string, worker: string, job: Job): Promise<void>
  /** Gives leased items back unstarted, queued again (all of the worker's when `ids` is left out). */
  release(worker: string, ids?: readonly string[]): Promise<void>
  /** Ends the items not leased by any worker (queued or held) as cancelled; with `run`, only that run's. */
  cancelWaiting(reason: string, run?: string): Promise<WorkItem[]>
  /** Held items, oldest first (the budget cap's queue). */
  held(): Promise<WorkItem[]>
  /** Releases held items to the queue. */
  unhold(ids: readonly string[]): Promise<void>
  items(run?: string): Promise<WorkItem[]>
  counts(run?: string): Promise<Partial<Record<JobState, number>>>
  /** Follows every change of an item; returns the unsubscribe. */
  changes(listener: (items: WorkItem[]) => void): () => void
  /** SET NX with a lease: true when `worker` now holds the purchase key (or already did). */
  claimPurchase(key: string, worker: string, ttlMs: number): Promise<boolean>
  releasePurchase(key: string, worker: string): Promise<void>
  /** Present when several workers share the store: their pace, budget cap and purchases are kept together. */
  readonly shared?: SharedQueue
}

/**
 * A store's three writes of an item's job are one: accepted only from the worker holding the lease,
 * the final ones ending it. Each store says how it writes.
 */
export abstract class LeasedWrites {
  progress(id: string, worker: string, job: Job): Promise<void> {
    return this.write(id, worker, job, false)
  }

  complete(id: string, worker: string, job: Job): Promise<void> {
    return this.write(id, worker, job, true)
  }

  fail(id: string, worker: string, job: Job): Promise<void> {
    return this.write(id, worker, job, true)
  }

  protected abstract write(id: string, worker: string, job: Job, final: boolean): Promise<void>
}
