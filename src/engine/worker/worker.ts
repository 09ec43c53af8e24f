import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import PQueue from 'p-queue'
import type { ParamValues } from '../../shared/operations'
import { JobError } from '../errors'
import { DEFAULT_CACHE_MAX_BYTES, pruneCache } from '../purchases/cache-upkeep'
import { thisHost } from '../purchases/file-lock'
import { Purchases } from '../purchases/purchases'
import { operationById, PROVIDERS, providerById, type ProviderId, type ProviderOperation, type ProviderUrls } from '../providers/registry'
import { Lanes } from '../scheduler/lanes'
import type { LaneOptions, ProviderLane } from '../scheduler/provider-lane'
import type { KeyKind, WorkItem } from '../work/work-item'
import type { WorkStore } from '../work/work-store'
import { Deliveries } from './deliveries'
import { ItemRun, type ItemContext } from './item-run'
import { OutageWatch } from './outage-watch'
import type { ParamFileCache } from '../providers/param-files'
import { ProviderSession } from './provider-session'
import { ProviderStops } from './provider-stops'
import { RequestChecks } from './request-checks'
import type { ItemSetup, ProviderStop, WorkerEvent, WorkerSettings } from './worker-types'

export interface WorkerOptions extends WorkerSettings {
  store: WorkStore
  /** Where paid results and the journal live, shared by every run so nothing is bought twice. */
  stateDir: string
  urls: ProviderUrls
  /** The key that pays for an item: the saved one, or its sandbox or live key. */
  keyFor(provider: ProviderId, kind: KeyKind | undefined): Promise<string>
  /** Read whenever a lane is used, so changed settings apply to the running lanes. */
  limits(provider: ProviderId): LaneOptions
  /** Shared with the app's other senders so they respect one provider limit together. */
  lanes?: Lanes
  /** Kept image bytes above this are pruned, oldest first, when the worker starts (default 5 GB). */
  cacheMaxBytes?: number
  /** How long a lease holds without a heartbeat: a worker that disappears gives its items back after it. */
  leaseTtlMs?: number
}

const DEFAULT_LEASE_TTL_MS = 60_000
/** Connections per provider's pool: more than any concurrency setting, so raising it live is never held back here. */
const POOL_CONNECTIONS = 64
/** A lane whose pace is kept elsewhere: far above any provider's limit. */
const UNPACED = 1_000

/**
 * The one worker of a process: it leases work items from the store and takes each through prepare →
 * buy → deliver. What is set up once is set up once per provider for its whole life, however many
 * runs and parameter sets it serves: the key and account check, the HTTP pool, the lane; the
 * purchases are opened and the cache pruned once.
 */
export class Worker extends EventEmitter<{ event: [WorkerEvent] }> {
  readonly id = `${thisHost()}-${process.pid}-${randomBytes(4).toString('hex')}`
  private purchases: Purchases | undefined
  private readonly sessions = new Map<string, Promise<ProviderSession>>()
  private readonly requestChecks = new RequestChecks((message) => this.emit('event', { type: 'notice', message }))
  private readonly stops = new ProviderStops((provider) => [...this.active.values()].filter((run) => this.operationOf(run.item).provider === provider))
  private readonly active = new Map<string, ItemRun>()
  private readonly first = new Map<string, string>()
  /** Extra images read once for every item that names them. */
  private readonly paramFiles: ParamFileCache = new Map()
  private readonly checks = new PQueue({ concurrency: 4 })
  private readonly deliveries = new Deliveries()
  private readonly lanes: Lanes
  /** Lanes whose changes this worker passes on. */
  private readonly followed = new Set<ProviderId>()
  private readonly outages: OutageWatch
  private readonly ttl: number
  private stopping = false
  private closed = false
  private pumping = false
  private pumpAgain = false
  private timer: NodeJS.Timeout | undefined
  private unsubscribe: (() => void) | undefined
  private idleWaiters: (() => void)[] = []
  private pruning: Promise<void> = Promise.resolve()
  private stopReason = 'Cancelled: not sent'
  /** Notices already told (noticeOnce). */
  private readonly told = new Set<string>()

  constructor(private readonly o: WorkerOptions) {
    super()
    this.lanes = o.lanes ?? new Lanes()
    this.ttl = o.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS
    this.outages = new OutageWatch(o.stopWhenUnreachableForMs, (provider, message) => this.stops.stop(provider, { because: 'unreachable', message }))
  }

  /** How many provider sessions (each one account check and one HTTP pool) this worker has opened. */
  get sessionsOpened(): number {
    return this.sessions.size
  }

  /** Why a provider stopped for every photo, if it did. */
  stopOf(provider: ProviderId): ProviderStop | undefined {
    return this.stops.of(provider)
  }

  /** Requests out on the wire now: what stopping waits for. */
  get onTheWire(): number {
    return [...this.active.values()].filter((run) => run.onWire).length
  }

  async start(): Promise<void> {
    this.purchases = await Purchases.open(this.o.stateDir)
    // Beside the first requests, not before them: it frees the oldest kept bytes, never what a run is storing.
    if (!this.o.dryRun) this.pruning = pruneCache(this.o.stateDir, this.o.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES).then(() => undefined)
    const unsubscribe = [
      this.o.store.changes((items) => {
        if (items.some((item) => item.job.state === 'queued' && !item.lease)) void this.pump()
      }),
      this.o.store.shared?.onLeasable(() => void this.pump())
    ]
    this.unsubscribe = () => unsubscribe.forEach((off) => off?.())
    // Heartbeats keep this worker's leases (a shared store hears it is alive from the start); the same tick takes up items a vanished worker left behind.
    const beat = (): void => void this.o.store.heartbeat(this.id, this.ttl).catch(() => undefined)
    beat()
    this.timer = setInterval(() => {
      beat()
      void this.pump()
    }, Math.max(50, this.ttl / 3))
    this.timer.unref()
    void this.pump()
  }

  /**
   * Checks an operation, its parameters and the key before anything is enqueued, opening the
   * provider's session (the account check): a wrong key or an unreachable host throws here.
   */
  async prepareFor(operation: ProviderOperation, values: ParamValues, keyKind?: KeyKind): Promise<ItemSetup> {
    const apiKey = await this.o.keyFor(operation.provider, keyKind)
    await this.requestChecks.check(operation, values, apiKey)
    return { session: await this.session(operation, values, apiKey), operation, cost: this.cost(operation, values, apiKey) }
  }

  /** Checks the provider's key with its free account check (a worker starting): a refused key or an unreachable host throws here. */
  async checkAccount(provider: ProviderId, keyKind?: KeyKind): Promise<void> {
    const operation = providerById(provider).operations[0]
    if (operation) await this.session(operation, {}, await this.o.keyFor(provider, keyKind))
  }

  /** Pushes changed settings (concurrency, stated rate) to the lanes in use. */
  applyLimits(): void {
    for (const provider of PROVIDERS) this.lanes.configure(provider.id, this.laneLimits(provider.id))
  }

  /**
   * Stops leasing; items not yet sent end cancelled with `reason`; requests already on the wire get
   * up to `withinMs` to answer, and what arrives is kept. Those still unanswered are then cut off and
   * say they may have been charged. Leasing starts again once it is over.
   */
  finish(withinMs: number, reason: string): { sent: number; done: Promise<void> } {
    this.stopping = true
    this.stopReason = reason
    const runs = [...this.active.values()]
    const wired = runs.filter((run) => run.onWire)
    for (const run of runs) if (!run.onWire) run.abort(reason, this.givesBack)
    const timer = setTimeout(() => wired.forEach((run) => run.abort(reason)), withinMs)
    const done = this.idle().then(() => {
      clearTimeout(timer)
      this.stopping = this.closed
      void this.pump()
    })
    return { sent: wired.length, done }
  }

  /** Stop now: everything is cut off at once. Returns the photos that may have been charged (their requests were on the wire). */
  stopNow(reason: string): string[] {
    this.stopping = true
    this.stopReason = reason
    const runs = [...this.active.values()]
    const charged = runs.filter((run) => run.onWire).map((run) => run.item.spec.path)
    // A request on the wire may have been charged: its item ends here, saying so, rather than going back
    // to the shared queue for another seat to buy again.
    for (const run of runs) run.abort(reason, this.givesBack && !run.onWire)
    return charged
  }

  /** Resolves once no item is being worked on. */
  idle(): Promise<void> {
    if (!this.active.size) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  async close(): Promise<void> {
    this.closed = this.stopping = true
    this.unsubscribe?.()
    this.outages.close()
    // Heartbeats go on until the last answer is in: a lease or purchase claim that ran out meanwhile would be another worker's to buy again.
    await this.idle()
    clearInterval(this.timer)
    await this.o.store.release(this.id).catch(() => undefined)
    const sessions = await Promise.allSettled(this.sessions.values())
    await Promise.all(sessions.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)))
    await this.deliveries.clear()
    await this.pruning.catch(() => undefined)
    await this.purchases?.close()
  }

  /**
   * A worker leaving a shared queue ends nothing it has not sent: its photos go back to the queue for
   * the other workers (when it closes), and what it cut off on the wire is told there.
   */
  private get givesBack(): boolean {
    return this.o.store.shared !== undefined
  }

  /**
   * The most items worked on at once: enough to keep every lane fed while memory follows the
   * concurrency, not the run. A shared queue hands items out at the provider's pace: a worker takes no
   * more than it can send at once, so an item leased is an item sent and the others are left to the others.
   */
  private get capacity(): number {
    const most = Math.max(...PROVIDERS.map((p) => this.o.limits(p.id).concurrency))
    return this.o.store.shared ? most : Math.max(8, most * 4)
  }

  private async pump(): Promise<void> {
    if (this.pumping) return void (this.pumpAgain = true)
    this.pumping = true
    try {
      do {
        this.pumpAgain = false
        const free = this.capacity - this.active.size
        if (this.stopping || !this.purchases || free <= 0) break
        const items = await this.o.store.lease(this.id, free, this.ttl)
        // A lease of ours that ran out (a stalled heartbeat) may come back to us: it is already being worked on.
        for (const item of items) if (!this.active.has(item.id)) this.begin(item)
        if (items.length === free) this.pumpAgain = true
      } while (this.pumpAgain)
    } catch (error) {
      this.emit('event', { type: 'notice', message: `Could not take the next photos from the queue: ${(error as Error).message}` })
    } finally {
      this.pumping = false
    }
  }

  private begin(item: WorkItem): void {
    const run = new ItemRun(item, this.context)
    this.active.set(item.id, run)
    // Leased just as the worker was told to stop: unsent, like the others, it ends cancelled or (a shared queue) goes back.
    if (this.stopping) run.abort(this.stopReason, this.givesBack)
    void run
      .run()
      .catch((error: unknown) => {
        // The photo's run ended; only the queue's note of it is missing. A worker leaving a queue that is away expects that.
        if (!this.closed) this.emit('event', { type: 'notice', message: `How ${item.spec.path} ended could not be noted in the queue: ${(error as Error).message}` })
      })
      .finally(() => {
        this.active.delete(item.id)
        void this.pump().then(() => this.whenIdle())
      })
  }

  private whenIdle(): void {
    if (!this.active.size) for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  /**
   * What every item's run is given: made once, after start, not once a photo. Each item holds it for as
   * long as it runs, so one a photo outlived the young generation and was garbage of the old one.
   */
  private get context(): ItemContext {
    this.itemContext ??= {
      worker: this.id,
      store: this.o.store,
      purchases: this.purchases as Purchases,
      settings: this.o,
      deliveries: this.deliveries,
      setup: (item) => this.setup(item),
      operation: (item) => this.operationOf(item),
      lane: (item) => this.lane(this.operationOf(item).provider),
      check: (task) => this.checks.add(task) as Promise<Awaited<ReturnType<typeof task>>>,
      emit: (event) => this.emit('event', event),
      firstOf: (run, key, ref) => {
        const id = `${run}\0${key}`
        if (!this.first.has(id)) this.first.set(id, ref)
        return this.first.get(id) as string
      },
      stopped: (item) => this.stops.of(this.operationOf(item).provider),
      stop: (item, stop) => this.stops.stop(this.operationOf(item).provider, stop),
      sending: () => !this.stopping,
      notSaved: (message) => this.notSaved(message),
      noticeOnce: (message) => {
        if (this.told.has(message)) return
        this.told.add(message)
        this.emit('event', { type: 'notice', message })
      },
      ending: async () => {
        if ([...this.active.values()].every((run) => run.ending)) await this.deliveries.tidy()
      },
      claimTtlMs: this.ttl,
      paramFiles: this.paramFiles
    }
    return this.itemContext
  }

  private itemContext: ItemContext | undefined

  private operationOf(item: WorkItem): ProviderOperation {
    const operation = operationById(item.spec.operation)
    if (!operation) throw new JobError('invalid-request', `This Proofsheet has no "${item.spec.operation}" operation.`)
    return operation
  }

  private async setup(item: WorkItem): Promise<ItemSetup> {
    const operation = this.operationOf(item)
    const refusal = this.stops.refusal(operation.provider)
    if (refusal) throw refusal
    return this.prepareFor(operation, item.spec.values, item.spec.keyKind)
  }

  private session(operation: ProviderOperation, values: ParamValues, apiKey: string): Promise<ProviderSession> {
    const id = `${operation.provider}\0${apiKey}`
    let session = this.sessions.get(id)
    if (!session) {
      const lane = this.lane(operation.provider)
      // A new key may follow a refused one: the provider is no longer stopped for it.
      lane.restart()
      this.stops.clear(operation.provider)
      const options = { provider: operation.provider, apiKey, urls: this.o.urls, purchases: this.purchases as Purchases, connections: POOL_CONNECTIONS, unit: operation.cost(values).unit, dryRun: this.o.dryRun, sent: () => lane.gate.note() }
      session = ProviderSession.open(options, (found) => this.emit('event', 'notice' in found ? { type: 'notice', message: found.notice } : { type: 'balance', balance: found.balance }))
      session.catch((error: unknown) => {
        // Refused or unreachable: the next run tries again with a fresh session.
        this.sessions.delete(id)
        if (error instanceof JobError && error.kind === 'auth') this.lane(operation.provider).stop(error.message)
      })
      this.sessions.set(id, session)
    }
    return session
  }

  private lane(provider: ProviderId): ProviderLane {
    const lane = this.lanes.get(provider, { ...this.laneLimits(provider), refuseWhilePausedForCredits: this.o.stopWhenCreditsRunOut ?? false })
    if (!this.followed.has(provider)) {
      this.followed.add(provider)
      lane.onChange((id, state) => {
        this.outages.watch(id, state)
        this.emit('event', { type: 'provider', provider: id, state })
      })
    }
    return lane
  }

  /** A shared queue paces its items for every worker at once (its queue-wide rate limiter): the lane keeps only the number at once. */
  private laneLimits(provider: ProviderId): LaneOptions {
    const limits = this.o.limits(provider)
    return this.o.store.shared ? { ...limits, requestsPerSecond: UNPACED, rateKnown: true } : limits
  }

  private cost(operation: ProviderOperation, values: ParamValues, apiKey: string): number {
    return operation.cost(values, { sandbox: providerById(operation.provider).isSandboxKey(apiKey) }).amount
  }

  /** A paid answer saved nowhere: the disk is shared, so every provider stops buying (headless) or pauses until Resume. */
  private notSaved(reason: string): void {
    const message = `Nothing more is bought: a paid result could not be saved (${reason.replace(/\.$/, '')}). Free some space, then run again.`
    for (const provider of PROVIDERS) {
      if (this.o.stopWhenNotSaved) this.stops.stop(provider.id, { because: 'not-saved', message })
      else this.lane(provider.id).pause('not-saved', message)
    }
  }
}
