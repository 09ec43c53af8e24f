import type { Job as BullJob } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Job, JobState } from '../../shared/jobs'
import { operationById, type ProviderId } from '../providers/registry'
import type { LaneOptions } from '../scheduler/provider-lane'
import type { SharedQueue } from '../work/shared-queue'
import { firstJob, type NewWorkItem, type WorkItem } from '../work/work-item'
import { LeasedWrites, type WorkStore } from '../work/work-store'
import { TeamConnection, TeamQueueError } from './connection'
import { itemId } from './item-id'
import { loadTeamPackages, type TeamPackages } from './packages'
import { ProviderQueues, type QueueLane } from './provider-queues'
import { PurchaseIndex } from './purchase-index'
import { SharedPace } from './shared-pace'
import { teamSharedQueue } from './team-shared'
import { TeamBudget } from './team-budget'
import { bullPriority, itemOf, jobsOf, splitId, toData, type ItemData } from './team-items'

export interface TeamQueueOptions {
  url: string
  /** A worker's limits per provider: it paces the queues by them. A seat that only enqueues and follows leaves it out. */
  limits?: (provider: ProviderId) => LaneOptions
  /** The providers a worker takes photos of (those it has keys for); every provider when unsaid. */
  serves?: readonly ProviderId[]
}

/** Ended items are kept this long, so the same command run again reports them instead of buying again. */
const KEEP = { age: 30 * 24 * 3600 }
const ENDED_WELL: ReadonlySet<JobState> = new Set<JobState>(['done', 'reused', 'skipped', 'estimated'])
/** Not taken by any worker: what Cancel ends. */
const WAITING: ReadonlySet<JobState> = new Set<JobState>(['queued', 'held'])
/** How long opening waits to reach Redis before saying it cannot. */
const REACH_WITHIN_MS = 5_000

/**
 * The team queue's work store: work items as BullMQ jobs in Redis, one queue per provider, shared by
 * every seat and worker of a studio. A lease is BullMQ's job lock (handed out at the provider's pace
 * by the queue-wide rate limiter); each item's job (its state, reason, outputs) is the BullMQ job's
 * progress, so every seat hears every change through BullMQ's queue events.
 */
export class RedisWorkStore extends LeasedWrites implements WorkStore {
  readonly shared: SharedQueue
  readonly connection: TeamConnection
  readonly budget: TeamBudget
  readonly purchases: PurchaseIndex
  private readonly redis: Redis
  private readonly queues: ProviderQueues
  private readonly pace: SharedPace | undefined
  /** This process's leases: item id → the BullMQ job it holds. */
  private readonly leased = new Map<string, BullJob>()
  private readonly listeners = new Set<(items: WorkItem[]) => void>()
  private readonly leasable = new Set<() => void>()
  private readonly timers = new Set<NodeJS.Timeout>()

  private constructor(
    private readonly o: TeamQueueOptions,
    packages: TeamPackages
  ) {
    super()
    this.connection = new TeamConnection(o.url, packages.Redis)
    this.redis = this.connection.client()
    this.queues = new ProviderQueues(this.connection, packages.bullmq)
    this.budget = new TeamBudget(this.redis)
    this.purchases = new PurchaseIndex(this.redis)
    this.pace = o.limits ? new SharedPace(this.redis, this.queues, o.limits) : undefined
    for (const lane of this.queues.all()) {
      lane.events.on('progress', ({ jobId, data }) => void this.heard(lane.provider, jobId, data).catch(() => undefined))
      for (const event of ['waiting', 'completed', 'failed'] as const) lane.events.on(event, () => this.wake())
    }
    this.shared = teamSharedQueue({ pace: this.pace, budget: this.budget, purchases: this.purchases, leasable: this.leasable, here: this.here })
  }

  /** Opens the queue; throws a plain message when Redis cannot be reached. */
  static async open(o: TeamQueueOptions): Promise<RedisWorkStore> {
    const store = new RedisWorkStore(o, await loadTeamPackages())
    let timer: NodeJS.Timeout | undefined
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TeamQueueError(`Cannot reach the team queue at ${store.connection.label}: is Redis running there, and is the address right?`)), REACH_WITHIN_MS)))
      await Promise.race([store.redis.ping(), timeout])
      await Promise.race([Promise.all(store.queues.all().map((lane) => lane.events.waitUntilReady())), timeout])
      if (store.pace) for (const lane of store.served) await store.pace.apply(lane.provider)
    } catch (error) {
      await store.close()
      throw error
    } finally {
      clearTimeout(timer)
    }
    return store
  }

  /** What a worker awaits of Redis fails once the queue is left, so leaving never holds it. */
  private readonly here = <T>(work: Promise<T>): Promise<T> => this.connection.untilLeft(work)

  private get served(): QueueLane[] {
    return this.queues.all().filter((lane) => !this.o.serves || this.o.serves.includes(lane.provider))
  }

  get label(): string {
    return this.connection.label
  }

  async enqueue(items: readonly NewWorkItem[]): Promise<WorkItem[]> {
    const added: WorkItem[] = []
    for (const lane of this.queues.all()) {
      const mine = items.filter((item) => providerOf(item) === lane.provider)
      if (mine.length) added.push(...(await this.enqueueIn(lane, mine)))
    }
    return added
  }

  /**
   * New items are added; one already there (the same photo, parameters and folder) is not added again:
   * one still on its way is followed, one that ended well is reported, one that ended without a
   * result (failed, cancelled, held by the cap) goes back in line.
   */
  private async enqueueIn(lane: QueueLane, items: readonly NewWorkItem[]): Promise<WorkItem[]> {
    const ids = await Promise.all(items.map(itemId))
    const existing = await Promise.all(ids.map((id) => lane.queue.getJob(id)))
    const fresh: { name: string; data: ItemData; opts: object }[] = []
    const result: WorkItem[] = []
    for (const [i, item] of items.entries()) {
      const id = ids[i] as string
      const job = existing[i]
      const data = toData(item)
      if (!job) {
        fresh.push({ name: 'photo', data, opts: { jobId: id, priority: bullPriority(item.priority), removeOnComplete: KEEP, removeOnFail: KEEP } })
        result.push({ ...item, id: `${lane.provider}:${id}`, job: firstJob(item) })
        continue
      }
      if ((await job.getState()) === 'failed') {
        await job.updateData(data)
        await job.updateProgress(firstJob(item))
        await job.retry('failed')
        result.push({ ...item, id: `${lane.provider}:${id}`, job: firstJob(item) })
      } else result.push(itemOf(lane.provider, job))
    }
    if (fresh.length) await lane.queue.addBulk(fresh)
    return result
  }

  async lease(worker: string, n: number, ttlMs: number): Promise<WorkItem[]> {
    const taken: WorkItem[] = []
    for (const lane of this.served) {
      const bull = this.queues.workerOf(lane.provider, worker, ttlMs)
      while (taken.length < n) {
        const job = await this.here(bull.getNextJob(worker, { block: false }))
        if (!job) {
          await this.here(this.wakeWhenLimitEnds(lane))
          break
        }
        const since = Date.now()
        const item = itemOf(lane.provider, job)
        this.leased.set(item.id, job)
        taken.push({ ...item, job: { ...item.job, state: 'queued', reason: undefined }, lease: { worker, until: since + ttlMs, since } })
      }
    }
    return taken
  }

  /** Held back by the queue-wide rate limiter: look again when it lets the next one through. */
  private async wakeWhenLimitEnds(lane: QueueLane): Promise<void> {
    const ttl = await lane.queue.getRateLimitTtl()
    if (ttl <= 0) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      this.wake()
    }, ttl)
    this.timers.add(timer)
  }

  async heartbeat(worker: string, ttlMs: number): Promise<void> {
    await this.here(this.purchases.alive(worker, ttlMs))
    await this.here(Promise.all([...this.leased.values()].map((job) => job.extendLock(worker, ttlMs).catch(() => 0))))
  }

  protected async write(id: string, worker: string, job: Job, final: boolean): Promise<void> {
    const bull = this.leased.get(id)
    if (!bull) return
    await this.here(bull.updateProgress(job))
    if (!final) return
    this.leased.delete(id)
    // A lease lost meanwhile (Redis away past it) belongs to another worker now: its answer stands.
    if (ENDED_WELL.has(job.state)) await this.here(bull.moveToCompleted(job, worker, false)).catch(() => undefined)
    else await this.here(bull.moveToFailed(new Error(job.reason ?? job.state), worker, false)).catch(() => undefined)
  }

  /** Gives items back to the queue; without `ids` the worker is leaving, and what it left on the wire is abandoned from now on. */
  async release(worker: string, ids?: readonly string[]): Promise<void> {
    if (!ids) await this.here(this.purchases.gone(worker))
    for (const [id, bull] of [...this.leased]) {
      if (ids && !ids.includes(id)) continue
      this.leased.delete(id)
      const { job } = itemOf(splitId(id).provider, bull)
      await this.here(bull.updateProgress({ ...job, state: 'queued', reason: undefined }))
      await this.here(bull.moveToWait(worker)).catch(() => undefined)
    }
  }

  async cancelWaiting(reason: string, run?: string): Promise<WorkItem[]> {
    const cancelled: WorkItem[] = []
    for (const lane of this.queues.all()) {
      for (const job of await jobsOf(lane.queue, ['waiting', 'prioritized', 'delayed', 'failed'])) {
        const item = itemOf(lane.provider, job)
        if ((run !== undefined && item.run !== run) || !WAITING.has(item.job.state)) continue
        const ended = { ...item.job, state: 'cancelled' as const, reason }
        await job.updateProgress(ended)
        await job.remove().catch(() => undefined)
        cancelled.push({ ...item, job: ended })
      }
    }
    return cancelled
  }

  async held(): Promise<WorkItem[]> {
    const held: WorkItem[] = []
    for (const lane of this.queues.all()) for (const job of await jobsOf(lane.queue, ['failed'])) if (itemOf(lane.provider, job).job.state === 'held') held.push(itemOf(lane.provider, job))
    return held.sort((a, b) => (a.job.ref < b.job.ref ? -1 : 1))
  }

  async unhold(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const { provider, jobId } = splitId(id)
      const job = await this.queues.of(provider).queue.getJob(jobId)
      if (!job || itemOf(provider, job).job.state !== 'held') continue
      await job.updateProgress({ ...itemOf(provider, job).job, state: 'queued', reason: undefined })
      await job.retry('failed')
    }
  }

  async items(run?: string): Promise<WorkItem[]> {
    const all: WorkItem[] = []
    for (const lane of this.queues.all()) for (const job of await jobsOf(lane.queue)) all.push(itemOf(lane.provider, job))
    return all.filter((item) => run === undefined || item.run === run)
  }

  /** These items as the queue has them now (one that was removed is left out). */
  async itemsById(ids: readonly string[]): Promise<WorkItem[]> {
    const found = await Promise.all(ids.map(async (id) => {
      const { provider, jobId } = splitId(id)
      const job = await this.queues.of(provider).queue.getJob(jobId)
      return job ? [itemOf(provider, job)] : []
    }))
    return found.flat()
  }

  async counts(run?: string): Promise<Partial<Record<JobState, number>>> {
    const counts: Partial<Record<JobState, number>> = {}
    for (const item of await this.items(run)) counts[item.job.state] = (counts[item.job.state] ?? 0) + 1
    return counts
  }

  /** BullMQ's own counts per provider queue: what `status` prints. */
  async queueCounts(): Promise<Record<ProviderId, Record<string, number>>> {
    const entries = await Promise.all(this.queues.all().map(async (lane) => [lane.provider, await lane.queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed')] as const))
    return Object.fromEntries(entries) as Record<ProviderId, Record<string, number>>
  }

  changes(listener: (items: WorkItem[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  claimPurchase(key: string, worker: string, ttlMs: number): Promise<boolean> {
    return this.here(this.purchases.claim(key, worker, ttlMs))
  }

  releasePurchase(key: string, worker: string): Promise<void> {
    return this.here(this.purchases.release(key, worker))
  }

  /** Any seat's or worker's change of an item, heard through BullMQ's queue events (a queue left while away drops what it was reading). */
  private async heard(provider: ProviderId, jobId: string, data: unknown): Promise<void> {
    if (!this.listeners.size || typeof data !== 'object' || data === null || !('state' in data)) return
    const job = await this.queues.of(provider).queue.getJob(jobId)
    if (!job) return
    const item = { ...itemOf(provider, job), job: data as Job }
    for (const listener of this.listeners) listener([item])
  }

  private wake(): void {
    for (const listener of this.leasable) listener()
  }

  /** Leaves a queue that is away without waiting for it: its readers stop, its pending commands fail. */
  leave(): void {
    for (const timer of this.timers) clearTimeout(timer)
    void this.queues.close().catch(() => undefined)
    void this.connection.close()
  }

  /**
   * Closes after `first` (a worker keeping what it was sent and giving its photos back). A queue that is
   * away, or goes away meanwhile, is left without waiting for it: its pending commands fail at once, so
   * `first` still ends, and what was leased goes back to the others when the leases run out.
   */
  async closeOrLeave(first?: () => Promise<void>): Promise<'closed' | 'left'> {
    let left = false
    const leave = (): void => {
      left = true
      this.leave()
    }
    if (this.connection.isReachable) this.connection.once('away', leave)
    else leave()
    try {
      await first?.()
    } finally {
      this.connection.off('away', leave)
      if (!left) left = !(await this.closeUnlessAway())
    }
    return left ? 'left' : 'closed'
  }

  /** Closes; a queue that goes away meanwhile is left. Says whether it was closed. */
  private async closeUnlessAway(): Promise<boolean> {
    const closed = await this.connection.whileReachable(() => this.close().then(() => true), false)
    if (!closed) this.leave()
    return closed
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    this.listeners.clear()
    this.leasable.clear()
    await this.queues.close().catch(() => undefined)
    await this.connection.close()
  }
}

function providerOf(item: NewWorkItem): ProviderId {
  const operation = operationById(item.spec.operation)
  if (!operation) throw new Error(`This Proofsheet has no "${item.spec.operation}" operation.`)
  return operation.provider
}
