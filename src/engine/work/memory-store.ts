import { FINAL_STATES, type Job, type JobState } from '../../shared/jobs'
import { firstJob, LEASABLE, type NewWorkItem, type WorkItem } from './work-item'
import { WaitingLine } from './waiting-line'
import { LeasedWrites, type WorkStore } from './work-store'

/** The work store of one process: the command line's run and the tests. Lost with the process, as the CLI's runs are. */
export class MemoryWorkStore extends LeasedWrites implements WorkStore {
  private readonly all = new Map<string, WorkItem>()
  private readonly claims = new Map<string, { worker: string; until: number }>()
  private readonly listeners = new Set<(items: WorkItem[]) => void>()
  private readonly line = new WaitingLine()
  private readonly leased = new Set<WorkItem>()
  private nextId = 1

  constructor(private readonly now: () => number = Date.now) {
    super()
  }

  async enqueue(items: readonly NewWorkItem[]): Promise<WorkItem[]> {
    const added = items.map((item) => ({ ...item, id: String(this.nextId++), job: firstJob(item) }))
    for (const item of added) this.all.set(item.id, item)
    this.changed(added)
    return added.map(copy)
  }

  async lease(worker: string, n: number, ttlMs: number): Promise<WorkItem[]> {
    const now = this.now()
    const taken = this.firstInLine(n, now)
    for (const item of taken) {
      item.lease = { worker, until: now + ttlMs }
      if (!LEASABLE.has(item.job.state)) item.job = { ...item.job, state: 'queued', reason: undefined }
    }
    if (taken.length) this.changed(taken)
    return taken.map(copy)
  }

  /** The `n` takeable items first in line; those whose lease ran out (a worker that stalled) are back in it. */
  private firstInLine(n: number, now: number): WorkItem[] {
    for (const item of this.leased) this.place(item, now)
    return this.line.first(n)
  }

  /** In line while takeable; among the leased while it has a lease (which may run out). */
  private place(item: WorkItem, now = this.now()): void {
    if (this.takeable(item, now)) this.line.add(item)
    else this.line.remove(item)
    if (item.lease) this.leased.add(item)
    else this.leased.delete(item)
  }

  /** Queued, or left unfinished by a worker whose lease ran out. */
  private takeable(item: WorkItem, now: number): boolean {
    if (FINAL_STATES.has(item.job.state) || item.job.state === 'held') return false
    return item.lease ? item.lease.until < now : LEASABLE.has(item.job.state)
  }

  async heartbeat(worker: string, ttlMs: number): Promise<void> {
    const until = this.now() + ttlMs
    for (const item of this.all.values()) if (item.lease?.worker === worker && item.lease.until >= this.now()) item.lease.until = until
    for (const claim of this.claims.values()) if (claim.worker === worker) claim.until = until
  }

  protected async write(id: string, worker: string, job: Job, final: boolean): Promise<void> {
    const item = this.all.get(id)
    if (!item || item.lease?.worker !== worker) return
    item.job = { ...job }
    if (final) delete item.lease
    this.changed([item])
  }

  async release(worker: string, ids?: readonly string[]): Promise<void> {
    const released: WorkItem[] = []
    for (const item of this.all.values()) {
      if (item.lease?.worker !== worker || (ids && !ids.includes(item.id))) continue
      delete item.lease
      item.job = { ...item.job, state: 'queued', reason: undefined }
      released.push(item)
    }
    if (released.length) this.changed(released)
  }

  async cancelWaiting(reason: string, run?: string): Promise<WorkItem[]> {
    const now = this.now()
    const cancelled = [...this.all.values()].filter((item) => (run === undefined || item.run === run) && (item.job.state === 'held' || this.takeable(item, now)))
    for (const item of cancelled) {
      delete item.lease
      item.job = { ...item.job, state: 'cancelled', reason }
    }
    if (cancelled.length) this.changed(cancelled)
    return cancelled.map(copy)
  }

  async held(): Promise<WorkItem[]> {
    return [...this.all.values()].filter((item) => item.job.state === 'held').map(copy)
  }

  async unhold(ids: readonly string[]): Promise<void> {
    const released = ids.flatMap((id) => {
      const item = this.all.get(id)
      if (item?.job.state !== 'held') return []
      item.job = { ...item.job, state: 'queued', reason: undefined }
      return [item]
    })
    if (released.length) this.changed(released)
  }

  async items(run?: string): Promise<WorkItem[]> {
    return [...this.all.values()].filter((item) => run === undefined || item.run === run).map(copy)
  }

  async counts(run?: string): Promise<Partial<Record<JobState, number>>> {
    const counts: Partial<Record<JobState, number>> = {}
    for (const item of this.all.values()) if (run === undefined || item.run === run) counts[item.job.state] = (counts[item.job.state] ?? 0) + 1
    return counts
  }

  changes(listener: (items: WorkItem[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async claimPurchase(key: string, worker: string, ttlMs: number): Promise<boolean> {
    const claim = this.claims.get(key)
    if (claim && claim.worker !== worker && claim.until >= this.now()) return false
    this.claims.set(key, { worker, until: this.now() + ttlMs })
    return true
  }

  async releasePurchase(key: string, worker: string): Promise<void> {
    if (this.claims.get(key)?.worker === worker) this.claims.delete(key)
  }

  private changed(items: WorkItem[]): void {
    for (const item of items) this.place(item)
    const copies = items.map(copy)
    for (const listener of this.listeners) listener(copies)
  }
}

function copy(item: WorkItem): WorkItem {
  return { ...item, job: { ...item.job }, ...(item.lease ? { lease: { ...item.lease } } : {}) }
}
