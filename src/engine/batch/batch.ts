import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { FINAL_STATES, type Job } from '../../shared/jobs'
import { PROVIDERS } from '../providers/registry'
import { Lanes } from '../scheduler/lanes'
import { MemoryWorkStore } from '../work/memory-store'
import { planItems } from '../work/plan-items'
import type { WorkItem } from '../work/work-item'
import { Worker } from '../worker/worker'
import type { ItemSetup } from '../worker/worker-types'
import type { BatchOptions } from './batch-options'
import type { BatchEvent, BatchSummary } from './events'
import { summarize } from './outcome'

/**
 * One run of photos through one operation with one set of parameters, into one output folder: the
 * command line's run. Its photos are work items in a memory store, taken by one worker, so a run on
 * the command line goes exactly the way the app's runs go.
 */
export class Batch extends EventEmitter<{ event: [BatchEvent] }> {
  private readonly store = new MemoryWorkStore()
  private readonly worker: Worker
  private readonly lanes: Lanes
  private readonly run_ = `run-${randomBytes(4).toString('hex')}`
  /** Each item's latest job, in the order the photos were given. */
  private readonly jobs = new Map<string, Job>()
  private stoppedBecause: BatchSummary['stoppedBecause']
  private setup: ItemSetup | undefined

  constructor(private readonly options: BatchOptions) {
    super()
    this.lanes = options.lanes ?? new Lanes()
    const provider = options.operation.provider
    this.worker = new Worker({
      store: this.store,
      stateDir: options.stateDir,
      urls: options.urls,
      lanes: this.lanes,
      keyFor: async () => options.apiKey,
      limits: (id) => (id === provider ? { concurrency: options.concurrency, requestsPerSecond: options.requestsPerSecond, rateKnown: options.rateKnown } : PROVIDERS.find((p) => p.id === id)!.limits),
      cacheMaxBytes: options.cacheMaxBytes,
      dryRun: options.dryRun,
      stopWhenCreditsRunOut: options.stopWhenCreditsRunOut,
      stopWhenUnreachableForMs: options.stopWhenUnreachableForMs,
      // A run of its own, with no Resume: a paid answer saved nowhere ends it.
      stopWhenNotSaved: true,
      timeoutMs: options.timeoutMs,
      keepCopiesIn: options.keepCopiesIn
    })
    this.worker.on('event', (event) => this.emit('event', event))
    this.store.changes((items) => items.forEach((item) => this.changed(item)))
  }

  get snapshot(): Job[] {
    return [...this.jobs.values()].map((job) => ({ ...job }))
  }

  /** Requests out on the wire now. */
  get onTheWire(): number {
    return this.worker.onTheWire
  }

  pause(): void {
    this.lane.pause('user', 'Paused')
  }

  resume(): void {
    this.lane.resume()
  }

  /**
   * Cancel, Ctrl-C, Quit: nothing new is sent and photos not sent end cancelled; requests already on
   * the wire (which may be charged) get up to `withinMs` to answer and what arrives is kept. Those
   * still unanswered are then cut off, and say they may have been charged.
   */
  finish(withinMs = 30_000, reason = 'Cancelled: not sent'): { sent: number; done: Promise<void> } {
    this.stoppedBecause ??= 'cancelled'
    void this.store.cancelWaiting(reason)
    return this.worker.finish(withinMs, reason)
  }

  cancel(): void {
    this.finish()
  }

  /** Stop now (a second Cancel or Ctrl-C): everything is cut off at once. Returns the photos that may have been charged. */
  stopNow(reason = 'Stopped'): string[] {
    this.stoppedBecause ??= 'cancelled'
    void this.store.cancelWaiting(reason)
    return this.worker.stopNow(reason)
  }

  async run(): Promise<BatchSummary> {
    const { operation, values } = this.options
    try {
      await this.worker.start()
      // The account check and the naming of outputs go side by side: the first request leaves sooner.
      const checked = this.worker.prepareFor(operation, values)
      checked.catch(() => undefined)
      const planned = planItems([{ operation, values, inputs: this.options.inputs }], {
        run: this.run_,
        outDir: this.options.outDir,
        stateDir: this.options.stateDir,
        naming: this.options.naming,
        save: !this.options.dryRun,
        outputNames: this.options.outputNames,
        priority: this.options.priority,
        buyAgain: this.options.buyAgain,
        fit: this.options.fitOversize
      })
      this.setup = await checked
      const items = await planned
      if (this.stoppedBecause) await this.store.cancelWaiting('Cancelled: not sent')
      await this.store.enqueue(this.stoppedBecause ? [] : items)
      await this.ended()
    } finally {
      await this.worker.close()
    }
    return this.summary()
  }

  private get lane(): ReturnType<Lanes['get']> {
    const { operation, concurrency, requestsPerSecond, rateKnown } = this.options
    return this.lanes.get(operation.provider, { concurrency, requestsPerSecond, rateKnown, refuseWhilePausedForCredits: this.options.stopWhenCreditsRunOut ?? false })
  }

  private changed(item: WorkItem): void {
    const before = this.jobs.get(item.id)
    this.jobs.set(item.id, item.job)
    this.unfinished += (FINAL_STATES.has(item.job.state) ? 0 : 1) - (before && !FINAL_STATES.has(before.state) ? 1 : 0)
    // A lease changes the item, not its job: nothing to tell.
    if (!before || JSON.stringify(before) !== JSON.stringify(item.job)) this.emit('event', { type: 'job', job: { ...item.job } })
    if (this.allEnded()) this.whenEnded?.()
  }

  private whenEnded: (() => void) | undefined
  /** Counted as jobs change, not by looking at them all at every change: that grew with the square of the run. */
  private unfinished = 0

  private allEnded(): boolean {
    return this.unfinished === 0
  }

  private async ended(): Promise<void> {
    if (!this.allEnded()) await new Promise<void>((resolve) => (this.whenEnded = resolve))
    await this.worker.idle()
  }

  private summary(): BatchSummary {
    const jobs = this.snapshot
    const paid = jobs.filter((job) => (job.state === 'done' || job.state === 'estimated') && job.sameAs === undefined).length
    const stop = this.worker.stopOf(this.options.operation.provider)
    const cost = { amount: paid * (this.setup?.cost ?? 0), unit: this.options.operation.cost(this.options.values).unit }
    return summarize(jobs, cost, stop?.because ?? this.stoppedBecause, stop?.message)
  }
}
