import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { planItems, summarize, type BatchEvent, type BatchInput, type BatchSummary, type ProviderOperation, type RedisWorkStore, type WorkItem } from '../../engine'
import { FINAL_STATES, type Job } from '../../shared/jobs'
import type { ParamValues } from '../../shared/operations'

export interface QueuedRunOptions {
  store: RedisWorkStore
  inputs: BatchInput[]
  operation: ProviderOperation
  values: ParamValues
  outDir: string
  /** Where this seat keeps the names it gave outputs, so the same command names them the same way. */
  stateDir: string
  buyAgain: boolean
  fit: boolean
}

/** How often the seat reads its photos afresh, besides hearing their changes: nothing heard is missed for long. */
const LOOK_AGAIN_MS = 2_000

/** A photo is followed until it ends, or waits for the team's budget cap to be raised. */
const settled = (job: Job): boolean => FINAL_STATES.has(job.state) || job.state === 'held'

/**
 * A seat's run on the team queue: its photos become work items enqueued there (the same photo,
 * parameters and folder already there is not added again) and followed to the end, whichever
 * workers do the work. Photos that had ended well before this command are reported as done earlier,
 * not charged again.
 */
export class QueuedRun extends EventEmitter<{ event: [BatchEvent] }> {
  private readonly jobs = new Map<string, Job>()
  /** This command's photos, by item id. */
  private readonly mine = new Set<string>()
  /** Ended well before this command enqueued them: reported, not bought. */
  private readonly earlier = new Set<string>()
  private whenSettled: (() => void) | undefined
  private stopped = false

  constructor(private readonly o: QueuedRunOptions) {
    super()
  }

  get snapshot(): Job[] {
    return [...this.jobs.values()].map((job) => ({ ...job }))
  }

  /** Stops following: the photos stay in the queue for the workers. */
  stop(): void {
    this.stopped = true
    this.whenSettled?.()
  }

  async run(): Promise<BatchSummary & { held: number }> {
    const { store, operation, values } = this.o
    const items = await planItems([{ operation, values, inputs: this.o.inputs }], {
      run: `run-${Date.now()}-${randomBytes(3).toString('hex')}`,
      outDir: this.o.outDir,
      stateDir: this.o.stateDir,
      buyAgain: this.o.buyAgain,
      fit: this.o.fit
    })
    const unsubscribe = store.changes((changed) => changed.forEach((item) => this.changed(item)))
    try {
      for (const item of await store.enqueue(items)) {
        this.mine.add(item.id)
        if (item.job.state === 'done') this.earlier.add(item.id)
        this.changed(item)
      }
      await this.settled()
    } finally {
      unsubscribe()
    }
    return this.summary()
  }

  private changed(item: WorkItem): void {
    if (!this.mine.has(item.id)) return
    const before = this.jobs.get(item.id)
    const job = this.earlier.has(item.id) ? { ...item.job, state: 'reused' as const } : item.job
    this.jobs.set(item.id, job)
    if (!before || JSON.stringify(before) !== JSON.stringify(job)) this.emit('event', { type: 'job', job: { ...job } })
    if (this.allSettled()) this.whenSettled?.()
  }

  private allSettled(): boolean {
    return [...this.jobs.values()].every(settled)
  }

  private async settled(): Promise<void> {
    const look = setInterval(() => void this.lookAgain(), LOOK_AGAIN_MS)
    try {
      if (!this.allSettled() && !this.stopped) await new Promise<void>((resolve) => (this.whenSettled = resolve))
    } finally {
      clearInterval(look)
    }
  }

  private async lookAgain(): Promise<void> {
    const open = [...this.jobs].filter(([, job]) => !settled(job)).map(([id]) => id)
    const items = await this.o.store.itemsById(open).catch(() => [])
    for (const item of items) this.changed(item)
  }

  /** What this command's photos cost: those bought while it followed them, not those done earlier. */
  private summary(): BatchSummary & { held: number } {
    const jobs = this.snapshot
    const price = this.o.operation.cost(this.o.values)
    const bought = jobs.filter((job) => job.state === 'done' && job.sameAs === undefined).length
    const summary = summarize(jobs, { amount: bought * price.amount, unit: price.unit }, this.stopped ? 'cancelled' : undefined, undefined)
    return { ...summary, held: summary.counts.held }
  }
}
