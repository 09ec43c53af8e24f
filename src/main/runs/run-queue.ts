import { randomBytes } from 'node:crypto'
import { operationById, isJobError, Lanes, planItems, PROVIDERS, providerById, Worker, type ProviderId, type ProviderUrls, type Seller, type WorkerEvent, type WorkItem } from '../../engine'
import type { EmitEvent, Preset, QueueState } from '../../shared/ipc/contract'
import type { OperationId } from '../../shared/operations'
import { FINAL_STATES, type Job } from '../../shared/jobs'
import { AppError } from '../app/app-error'
import type { BalanceTracker } from '../app/balance-tracker'
import type { Catalog } from '../catalog/catalog'
import type { SqliteWorkStore } from '../catalog/work-items'
import { Coalescer } from '../ipc/coalescer'
import { catalogFacts } from '../jobs/results'
import type { ApiKeys } from '../keychain/api-keys'
import type { PhotoEvents } from '../photos/photo-events'
import type { PhotoLibrary } from '../photos/photo-library'
import { freeWhenBought } from '../photos/reused-photos'
import type { SettingsService } from '../settings/settings'
import { holdOverCap, inCredits, releaseWhatFits, spentOn } from './budget'
import { groupsOf, KEY_KINDS, keysFor, photosToRun, type RunMode } from './run-photos'
import { ResultRecorder } from './result-recorder'
import { RunView } from './run-view'
import { SandboxMonth } from './sandbox-month'
import type { TeamQueueSetting } from '../team/team-queue-setting'
import { TeamRuns, type WorkerBasics } from '../team/team-runs'

export interface RunnerHooks {
  /** 0..1 while a run goes, null when idle: the dock or taskbar progress. */
  progress?(fraction: number | null): void
  /** The run is over: a system notification. */
  finished?(message: string): void
}

export interface RunQueueOptions {
  catalog: Catalog
  photos: PhotoLibrary
  photoEvents: PhotoEvents
  keys: ApiKeys
  settings: SettingsService
  balances: BalanceTracker
  emit: EmitEvent
  urls: ProviderUrls
  stateDir: string
  /** The app's own copy of every result, so each variant keeps its image. */
  variantsDir: string
  hooks?: RunnerHooks
  /** How long a work item's lease holds without a heartbeat (tests shorten it). */
  leaseTtlMs?: number
  /** Settings → Team queue: when set, runs are enqueued there and followed. */
  teamQueue: TeamQueueSetting
}

/** A single photo run while others wait (the loupe's re-run) goes ahead of them. */
const SINGLE_PHOTO_PRIORITY = 10
/** How long Cancel and Quit wait for the requests on the wire before cutting them off. */
const FINISH_WITHIN_MS = 30_000

/**
 * The app's runs: catalog photos become work items in the catalog's work store, taken by the one
 * worker of the app. Photos can be added while it runs (Run selected, Retry failed, Buy again, a
 * watched folder's arrivals); Cancel and Quit keep what was paid for.
 */
export class RunQueue {
  private readonly store: SqliteWorkStore
  private readonly worker: Worker
  private readonly lanes = new Lanes()
  private readonly view: RunView
  private readonly coalescer: Coalescer<string, Job>
  /** Whether a run's items are bought with a sandbox key, by run and provider: their results are proofs. */
  private readonly sandbox = new Map<string, boolean>()
  private finishing: Promise<void> | undefined
  private releasing: Promise<void> = Promise.resolve()
  private readonly recorder: ResultRecorder
  private readonly sandboxMonth: SandboxMonth
  private readonly team: TeamRuns

  constructor(private readonly o: RunQueueOptions) {
    this.store = o.catalog.workItems
    this.sandboxMonth = new SandboxMonth(o.catalog, o.balances)
    const work: WorkerBasics = {
      urls: o.urls,
      keyFor: async (provider, kind) => (await o.keys.key(provider, kind)) ?? '',
      limits: (provider) => this.limits(provider),
      keepCopiesIn: o.variantsDir,
      leaseTtlMs: o.leaseTtlMs
    }
    this.worker = new Worker({ ...work, store: this.store, stateDir: o.stateDir, lanes: this.lanes })
    this.team = new TeamRuns({
      setting: o.teamQueue,
      local: this.store,
      emit: o.emit,
      // Its items may be another seat's photos: what it learns of them is not this catalog's to keep.
      work: { ...work, keys: o.keys, onEvent: (event) => event.type !== 'checked' && this.onEvent(event) }
    })
    this.view = new RunView(this.store, o.settings, o.catalog.budget, (queue) => this.published(queue))
    // The window hears each changed photo's latest job as the catalog has it, with its notice.
    this.coalescer = new Coalescer((jobs) => {
      o.emit('jobs', this.store.latestJobs([...jobs.keys()].map(Number)))
      this.view.publish()
    })
    this.recorder = new ResultRecorder({
      catalog: o.catalog,
      photoEvents: o.photoEvents,
      emit: o.emit,
      variantsDir: o.variantsDir,
      sandbox: (item, provider) => this.sandbox.get(`${item.run}\0${provider}`) ?? item.spec.keyKind === 'sandbox',
      paid: (provider) => {
        o.balances.refreshSoon(provider)
        this.sandboxMonth.publish(provider)
      }
    })
    this.worker.on('event', (event) => this.onEvent(event))
    this.store.changes((items) => this.onItems(items))
    o.settings.onChange(() => {
      this.worker.applyLimits()
      // The cap shown with the queue follows the setting.
      this.view.publish()
    })
  }

  /** Starts the worker; runs a killed app left unfinished go on (their leases expire first). */
  async open(): Promise<void> {
    await this.worker.start()
    this.recorder.recordUnrecorded()
    await this.view.resume(this.store.unfinishedRuns())
    await this.team.resume()
    // The budget line and the sandbox month are there from the first state, before any run.
    this.view.publish()
    this.sandboxMonth.publish()
  }

  queueState(): QueueState {
    return this.view.state
  }

  /** The latest job of these photos (all, when unsaid), with their "may have been charged" notices. */
  jobsOf(photoIds?: number[]): Job[] {
    return this.store.latestJobs(photoIds)
  }

  /** Photos a restart must still list under Needs attention: failed or skipped, newest first. */
  needingAttention(most: number): Job[] {
    return this.store.needingAttention(most)
  }

  /**
   * Adds photos to the queue, running or not. Photos already waiting or being worked on are not added
   * twice; what would take the spending over the budget cap waits for Resume after raising it.
   */
  async start(photoIds: number[] | undefined, { mode = 'normal', buyAgain, preset }: { mode?: RunMode | undefined; buyAgain: boolean; preset?: Preset }): Promise<{ jobs: number; held: number }> {
    const { catalog, photos, settings } = this.o
    const { outputFolder, naming, fitOversize, budgetCap } = settings.get()
    if (!outputFolder) throw new AppError('invalid-input', 'Choose an output folder first.')
    const ids = photosToRun(catalog, photoIds, mode)
    const busy = this.inQueue(ids)
    const fresh = ids.filter((id) => !busy.has(id))
    if (!fresh.length) return { jobs: 0, held: 0 }
    const groups = groupsOf(catalog, photos, fresh, mode, preset)
    // Groups skipped whole (their parameters do not fit their operation) need no key and send nothing.
    const sending = groups.filter((g) => g.inputs.some((input) => !input.skip))
    const kind = KEY_KINDS[mode]
    const keys = await keysFor(this.o.keys, [...new Set(sending.map((g) => g.operation.provider))], kind)
    for (const { operation } of sending) {
      const problem = operation.keyProblem(keys.get(operation.provider) as string)
      if (problem) throw new AppError('invalid-input', problem.message)
    }
    // A team queue that cannot be reached is said before anything is counted as started.
    const team = await this.team.current()
    const run = `run-${Date.now()}-${randomBytes(3).toString('hex')}`
    const sellers = new Map<OperationId, Seller>()
    // The key and account are checked once per provider, however many sets of parameters the run has;
    // each photo is priced as it will be paid, with its own operation, parameters and key.
    const proofs = new Map<ProviderId, number>()
    for (const group of sending) {
      const { session, cost } = await this.prepare(group.operation, group.values, kind)
      const { provider } = group.operation
      this.sandbox.set(`${run}\0${provider}`, session.sandbox)
      if (session.sandbox) proofs.set(provider, (proofs.get(provider) ?? 0) + group.inputs.length)
      sellers.set(group.operation.id, session.seller)
      group.cost = cost
    }
    for (const [provider, count] of proofs) this.sandboxMonth.check(provider, count)
    for (const [provider, count] of proofs) this.sandboxMonth.started(run, provider, count)
    const items = inCredits(await planItems(groups, { run, outDir: outputFolder, stateDir: this.o.stateDir, naming, priority: fresh.length === 1 ? SINGLE_PHOTO_PRIORITY : 0, keyKind: kind, buyAgain, fit: fitOversize }))
    if (!buyAgain) freeWhenBought(catalog, items, sellers)
    const held = holdOverCap(items, await this.view.committed(), budgetCap)
    this.view.add(run)
    // On a team queue the photos the budget cap holds wait here; the others go to the team.
    if (team) await Promise.all([team.enqueue(items.filter((item) => !item.held)), this.store.enqueue(items.filter((item) => item.held))])
    else await this.store.enqueue(items)
    return { jobs: items.length - held, held }
  }

  pause(): void {
    for (const provider of PROVIDERS) this.lane(provider.id).pause('user', 'Paused')
  }

  /** Runs again what was paused, and the photos the budget cap held that now fit under it. */
  async resume(): Promise<void> {
    for (const provider of PROVIDERS) this.lane(provider.id).resume()
    await this.releaseWhatFits()
    this.view.publish()
  }

  /** Cancel keeps what was paid for (see finish); pressed again while finishing, it stops now. */
  cancel(): void {
    if (!this.finishing) return void this.finish(FINISH_WITHIN_MS, 'Cancelled: not sent')
    const charged = this.worker.stopNow('Stopped')
    if (charged.length) this.o.emit('notice', { level: 'warning', message: `Stopped now. These photos were sent and may have been charged: ${charged.map((path) => path.split(/[\\/]/).pop()).join(', ')}` })
  }

  /**
   * Cancel and Quit: nothing new is sent and waiting photos are cancelled; requests already on the
   * wire get up to `withinMs` to answer ("Finishing N paid requests…"), and what arrives is kept. Those
   * still unanswered are then cut off, their photos saying they may have been charged.
   */
  async finish(withinMs = FINISH_WITHIN_MS, reason = 'Not sent: Proofsheet was quitting', { quitting = false } = {}): Promise<void> {
    if (this.finishing) return this.finishing
    await this.store.cancelWaiting(reason)
    const { sent, done } = this.worker.finish(withinMs, reason)
    if (sent) this.view.finishing(() => this.worker.onTheWire)
    // Set at once, so Cancel pressed again meanwhile stops now. Cancel also ends the photos waiting on the
    // team queue; quitting leaves them to its workers, followed again at the next start.
    this.finishing = Promise.all([done, quitting ? undefined : this.team.cancelWaiting(reason)]).then(() => undefined).finally(() => {
      this.finishing = undefined
      this.view.finished()
    })
    return this.finishing
  }

  /** Quitting: finish, then stop the worker. */
  async close(): Promise<void> {
    await this.finish(FINISH_WITHIN_MS, undefined, { quitting: true })
    this.coalescer.flush()
    await this.worker.close()
    await this.team.close()
    this.recorder.close()
  }

  /** Counts the spending against the budget cap from nothing again (the cap was set, or the user chose Reset). */
  resetBudget(): void {
    this.o.catalog.budget.reset()
    this.view.publish()
  }

  /** Which of these photos (all, when unsaid) wait or are being worked on: a new run leaves them be. */
  inQueue(photoIds?: number[]): Set<number> {
    return new Set(this.store.latestJobs(photoIds).flatMap((job) => (FINAL_STATES.has(job.state) ? [] : [Number(job.ref)])))
  }

  /** The budget cap and the credits counted against it, as the window shows them. */
  async budget(): Promise<{ cap: number | null; spent: number }> {
    return { cap: this.o.settings.get().budgetCap, spent: await this.view.committed() }
  }

  /**
   * Who a normal run of this provider buys from (its servers, and the kind of key saved), for finding
   * the photos a run would reuse; null without a key.
   */
  async seller(provider: ProviderId): Promise<Seller | null> {
    const key = await this.o.keys.key(provider).catch(() => null)
    if (!key) return null
    return { origins: Object.values<string>(this.o.urls[provider]), keyKind: providerById(provider).isSandboxKey(key) ? 'sandbox' : 'live' }
  }

  dismissNotice(photoId: number): void {
    this.store.dismissNotices(photoId)
    this.o.emit('jobs', this.store.latestJobs([photoId]))
  }

  private async prepare(...args: Parameters<Worker['prepareFor']>): ReturnType<Worker['prepareFor']> {
    try {
      return await this.worker.prepareFor(...args)
    } catch (error) {
      const message = (error as Error).message
      if (isJobError(error) && error.kind === 'auth') this.refuseKey(args[0].provider, message)
      throw new AppError(isJobError(error) && error.kind === 'auth' ? 'auth' : 'invalid-input', message)
    }
  }

  private limits(provider: ProviderId): { concurrency: number; requestsPerSecond: number } {
    const { limits } = providerById(provider)
    return { concurrency: this.o.settings.get().concurrency[provider] ?? limits.concurrency, requestsPerSecond: limits.requestsPerSecond }
  }

  private lane(provider: ProviderId): ReturnType<Lanes['get']> {
    return this.lanes.get(provider, this.limits(provider))
  }

  private published(queue: QueueState): void {
    this.o.emit('queue', queue)
    this.o.hooks?.progress?.(queue.state === 'idle' ? null : queue.total ? queue.finished / queue.total : 0)
    if (queue.state === 'idle' && queue.reason) this.o.hooks?.finished?.(queue.reason)
  }

  private refuseKey(provider: ProviderId, message: string): void {
    this.o.keys.markRefused(provider, message)
    void this.o.keys.status(provider).then((status) => this.o.emit('keys', status))
  }

  private onEvent(event: WorkerEvent): void {
    switch (event.type) {
      case 'checked': {
        // A photo removed from the catalog while it runs has nowhere to keep what was learnt.
        const photoId = Number(event.ref)
        if (!this.o.catalog.photo(photoId)) return
        this.o.catalog.setPhotoFacts(photoId, catalogFacts(event.facts))
        return this.o.photoEvents.changed([photoId])
      }
      case 'balance':
        if (!this.sandboxMonth.heard(event.balance)) this.o.balances.accept(event.balance)
        return
      case 'notice':
        return this.o.emit('notice', { level: 'warning', message: event.message })
      case 'provider':
        if (event.state.status === 'stopped') this.refuseKey(event.provider, event.state.message)
        return this.view.provider(event.provider, event.state)
    }
  }

  private spent(amount: number): void {
    try {
      this.o.catalog.budget.add(amount)
    } catch (error) {
      this.o.emit('notice', { level: 'error', message: `The catalog could not count ${amount} spent against the budget cap (${(error as Error).message}).` })
    }
  }

  private proofEnded(item: WorkItem): void {
    const operation = operationById(item.spec.operation)
    if (operation) this.sandboxMonth.ended(item.run, operation.provider, item.id)
  }

  private onItems(items: WorkItem[]): void {
    this.view.changed(items)
    for (const item of items) {
      this.coalescer.push(item.spec.ref, item.job)
      if (spentOn(item)) this.spent(item.maxCost)
      if (item.job.state === 'done' || item.job.state === 'reused') this.recorder.record(item)
      if (FINAL_STATES.has(item.job.state)) this.proofEnded(item)
    }
    if (this.view.state.held && items.some((item) => FINAL_STATES.has(item.job.state))) {
      this.releaseWhatFits().catch((error: Error) => this.o.emit('notice', { level: 'error', message: `Photos held by the budget cap could not be checked again (${error.message}): Resume does it.` }))
    }
  }

  /** One at a time: each decides with what the one before released counted as on its way. */
  private releaseWhatFits(): Promise<void> {
    const next = this.releasing.then(() => releaseWhatFits(this.store, () => this.view.committed(), this.o.settings.get().budgetCap))
    this.releasing = next.catch(() => undefined)
    return next
  }

}
