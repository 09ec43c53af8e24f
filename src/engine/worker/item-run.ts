import { basename } from 'node:path'
import type { Job, JobState } from '../../shared/jobs'
import { FINAL_STATES } from '../../shared/jobs'
import type { Deliveries } from './deliveries'
import { JobError } from '../errors'
import { keepCopies } from '../files/kept-copies'
import { outputPaths } from '../files/output-plan'
import { hashedSource } from '../images/source'
import { buildUpload, type Upload } from '../images/upload'
import { purchaseKey } from '../purchases/job-key'
import type { Purchases, StoredResult } from '../purchases/purchases'
import type { ProviderResult } from '../providers/types'
import type { ProviderLane } from '../scheduler/provider-lane'
import { finalOutcome } from '../batch/outcome'
import { preparePhoto } from '../batch/prepare'
import { reusePruned } from '../batch/reuse-pruned'
import { sendWithRetries } from '../batch/send'
import { abandonedNotice, stoppedUnanswered, unansweredNotice } from '../batch/unanswered'
import { HELD_REASON, type WorkItem } from '../work/work-item'
import type { WorkStore } from '../work/work-store'
import type { ItemSetup, ProviderStop, WorkerEvent, WorkerSettings } from './worker-types'

/** What one item's run needs from its worker. */
export interface ItemContext {
  worker: string
  store: WorkStore
  purchases: Purchases
  settings: WorkerSettings
  deliveries: Deliveries
  /** The session, operation and price for this item's provider and key (opened once per worker). */
  setup(item: WorkItem): Promise<ItemSetup>
  lane(item: WorkItem): ProviderLane
  /** Local checks run a few at a time. */
  check<T>(task: () => Promise<T>): Promise<T>
  emit(event: WorkerEvent): void
  /** The first item of this run to reach a purchase key: later identical photos are marked as the same. */
  firstOf(run: string, key: string, ref: string): string
  /** Why this provider stopped for everyone (a rejected key, credits in a headless run, an outage), if it did. */
  stopped(item: WorkItem): ProviderStop | undefined
  stop(item: WorkItem, stop: ProviderStop): void
  /** False once the worker is stopping: nothing more is sent. */
  sending(): boolean
  claimTtlMs: number
}

/**
 * One work item on its way: prepare (is it something the operation takes; which purchase is it),
 * buy (once, through the provider's lane, under the purchase's claim and lock) and deliver (write it
 * where it was planned). Ends by completing or failing the item in the store; never throws.
 */
export class ItemRun {
  readonly controller = new AbortController()
  job: Job
  /** A request of this item is out on the wire: it may be charged whatever happens next. */
  onWire = false
  private sentAt: Date | undefined
  private maybeCharged: string | undefined

  constructor(
    readonly item: WorkItem,
    private readonly ctx: ItemContext
  ) {
    this.job = { ...item.job, attempts: 0, reason: undefined }
  }

  /**
   * Stops it: not yet sent, it ends cancelled with `reason`; on the wire, it is cut off and may have
   * been charged. `giveBack`: a worker leaving a shared queue ends nothing; the store hands the item
   * to another worker.
   */
  abort(reason: string, giveBack = false): void {
    if (this.onWire && this.sentAt) this.maybeCharged = stoppedUnanswered(this.sentAt)
    this.stopReason = reason
    this.givenBack = giveBack
    this.controller.abort()
  }

  private stopReason = 'Cancelled'
  private givenBack = false
  /** A 429 in a shared queue: the item goes back in line (the queue's pace has been lowered for everyone). */
  private requeued = false
  /** A request of this item may have been charged without its answer arriving. */
  private answerLost = false

  async run(): Promise<void> {
    try {
      await this.work()
    } catch (error) {
      await this.failed(error)
    }
  }

  private async work(): Promise<void> {
    const { item, ctx } = this
    const { spec } = item
    if (this.controller.signal.aborted) throw new JobError('cancelled', 'Cancelled', { wired: false })
    const setup = await ctx.setup(item)
    const { operation, values } = { operation: setup.operation, values: spec.values }
    const prepared = await ctx.check(() => preparePhoto({ path: spec.path, ref: spec.ref, outputDir: '', ...(spec.known ? { known: spec.known } : {}), ...(spec.skip ? { skip: spec.skip } : {}) }, operation, values, { outDir: spec.outDir, fit: spec.fit }))
    if ('skip' in prepared) return this.end('skipped', { reason: prepared.skip })
    const { facts } = prepared
    if (prepared.learnt) ctx.emit({ type: 'checked', ref: spec.ref, facts })
    const key = purchaseKey(prepared.key, setup.session.seller)
    this.job.key = key
    const cached = (await ctx.purchases.cached(key)) ?? (await reusePruned(ctx.purchases, key, (extensions) => outputPaths(spec.output, extensions), spec.buyAgain))
    if (cached) return this.deliver(cached, 'reused')

    const first = ctx.firstOf(item.run, key, spec.ref)
    const sameAs = first === spec.ref ? {} : { sameAs: first }
    if (ctx.settings.dryRun) return this.end('estimated', sameAs)
    const earlier = first === spec.ref ? ctx.purchases.earlierUnanswered(key) : null
    if (earlier) ctx.emit({ type: 'notice', message: unansweredNotice(spec.path, earlier) })
    const upload = await buildUpload(await hashedSource(spec.path, facts.contentHash as string, prepared.source), facts, prepared.plan, operation.inputLimits)
    await this.step('ready', { ...sameAs, ...(upload.notes.length ? { notes: upload.notes } : {}) })
    const result = await this.buy(key, setup, upload)
    await this.deliver(result, 'done')
  }

  /** Claimed in the store (one worker at a time per purchase), then bought through the purchases (one process at a time). */
  private async buy(key: string, setup: ItemSetup, upload: Upload): Promise<StoredResult> {
    const { ctx } = this
    for (let wait = 50; !(await ctx.store.claimPurchase(key, ctx.worker, ctx.claimTtlMs)); wait = Math.min(1_000, wait * 2)) {
      await new Promise((resolve) => setTimeout(resolve, wait))
      this.controller.signal.throwIfAborted()
      const bought = await ctx.purchases.cached(key)
      if (bought) return bought
    }
    try {
      return ctx.store.shared ? await this.buyShared(key, setup, upload) : await this.purchase(key, setup, upload)
    } finally {
      await ctx.store.releasePurchase(key, ctx.worker)
    }
  }

  private purchase(key: string, setup: ItemSetup, upload: Upload, sent?: () => void): Promise<StoredResult> {
    const { ctx, item } = this
    return ctx.purchases.buy({
      key,
      file: item.spec.path,
      provider: setup.operation.provider,
      amount: setup.cost,
      signal: this.controller.signal,
      send: (sending, maybeCharged) => {
        sent?.()
        return this.send(key, setup, upload, sending, maybeCharged)
      }
    })
  }

  /**
   * In a shared queue a vanished worker's unanswered request is told on the photo (it may have been
   * charged) before it is bought again, and the budget cap is reserved across every worker first.
   */
  private async buyShared(key: string, setup: ItemSetup, upload: Upload): Promise<StoredResult> {
    const { ctx, item } = this
    const shared = ctx.store.shared as NonNullable<WorkStore['shared']>
    const { provider } = setup.operation
    const abandoned = await shared.abandoned(key, ctx.worker, provider)
    const bought = await ctx.purchases.cached(key)
    if (bought) return bought
    if (!(await shared.reserve(key, provider, setup.cost))) throw new HeldByCap()
    let sent = false
    // Told only when it is really sent again: the vanished worker's result may still arrive first.
    const sendingAgain = (): void => {
      sent = true
      if (!abandoned) return
      this.maybeCharged = abandonedNotice(item.spec.path, new Date(abandoned.at))
      ctx.emit({ type: 'notice', message: this.maybeCharged })
    }
    try {
      const result = await this.purchase(key, setup, upload, sendingAgain)
      await shared.settle(key, provider, sent ? setup.cost : 0)
      await shared.answered(key, ctx.worker, { dir: result.dir, outputs: result.outputs.map(({ file, bytes, sha256 }) => ({ file, bytes, ...(sha256 ? { sha256 } : {}) })) })
      return result
    } catch (error) {
      const charged = sent && (this.answerLost || (error instanceof JobError && (error.kind === 'charged-without-result' || error.details.wired === true)))
      await shared.settle(key, provider, charged ? setup.cost : 0)
      throw error
    }
  }

  private send(key: string, setup: ItemSetup, upload: Upload, sending: () => Promise<void>, maybeCharged: (reason: string) => Promise<void>): Promise<ProviderResult> {
    const { ctx, item } = this
    const shared = ctx.store.shared
    const { operation } = setup
    const { values } = item.spec
    const image = { name: basename(item.spec.path), format: upload.format, body: new Blob([new Uint8Array(upload.bytes)], { type: `image/${upload.format}` }) }
    const timeoutMs = ctx.settings.timeoutMs ?? operation.timeoutMs(values)
    const lane = ctx.lane(item)
    const answerDeadline = lane.answerDeadline(operation.id, timeoutMs)
    return sendWithRetries(lane, setup.session.client, { operation, values, image, timeoutMs, answerDeadline }, this.controller.signal, {
      priority: item.priority,
      photo: item.spec.ref,
      onSending: async (attempt) => {
        await sending()
        await shared?.sending(key, ctx.worker)
        await this.step('sending', { attempts: attempt })
        if (shared && attempt === 1) await sendAfterLead(item.lease?.since)
      },
      onWire: (on) => {
        this.onWire = on
        if (on) this.sentAt = new Date()
      },
      mayRetry: () => ctx.sending(),
      onMaybeCharged: async (_how, reason) => {
        this.maybeCharged = reason
        this.answerLost = true
        await maybeCharged(reason)
      },
      onRetry: (reason) => void this.step('retrying', { reason }),
      onWaiting: (reason) => void this.step('waiting', { reason }),
      onCredits: (error) => {
        if (!ctx.settings.stopWhenCreditsRunOut) return 'wait'
        ctx.stop(item, { because: 'credits', message: error.message })
        return 'give-up'
      },
      onAuth: (error) => ctx.stop(item, { because: 'auth', message: error.message }),
      onRateLimited: async (error) => {
        if (!shared) return 'retry'
        this.requeued = true
        await shared.rateLimited(operation.provider, error.details.retryAfterMs)
        return 'give-up'
      }
    }).then(
      async (result) => {
        await shared?.succeeded(operation.provider)
        return result
      },
      async (error: unknown) => {
        // The provider answered (a refusal, a 429): nothing of it is left open.
        if (shared && error instanceof JobError && error.details.status !== undefined && error.kind !== 'charged-without-result') await shared.answered(key, ctx.worker)
        throw error
      }
    )
  }

  private async deliver(result: StoredResult, state: 'done' | 'reused'): Promise<void> {
    const { ctx, item } = this
    const delivery = await ctx.deliveries.of(item.spec.outDir)
    const outputs = await delivery.deliver(item.spec.output, result)
    // Where it went is how it is found again once its kept bytes are pruned.
    const key = this.job.key as string
    const copies = ctx.settings.keepCopiesIn ? keepCopies(ctx.settings.keepCopiesIn, key, outputs) : null
    await ctx.purchases.delivered(key, outputs, copies ?? undefined)
    await this.end(state, { outputs, warnings: result.warnings, metadata: result.metadata })
  }

  private async failed(error: unknown): Promise<void> {
    if (this.givenBack) return
    if (this.requeued && !this.controller.signal.aborted) return this.ctx.store.release(this.ctx.worker, [this.item.id])
    if (error instanceof HeldByCap) return this.end('held', { reason: HELD_REASON })
    const stop = this.ctx.stopped(this.item)
    const forAll = stop && stop.because !== 'credits' ? stop.message : undefined
    const cancelled = error instanceof JobError && error.kind === 'cancelled'
    const outcome = cancelled && !forAll ? { state: 'cancelled' as const, reason: this.stopReason } : finalOutcome(error, forAll)
    await this.end(outcome.state, { reason: outcome.reason, ...(error instanceof JobError && error.kind === 'pruned' ? { canBuyAgain: true } : {}) })
  }

  private async step(state: JobState, patch: Partial<Job> = {}): Promise<void> {
    if (FINAL_STATES.has(this.job.state)) return
    this.job = { ...this.job, reason: undefined, ...patch, state }
    await this.ctx.store.progress(this.item.id, this.ctx.worker, this.job)
  }

  private async end(state: JobState, patch: Partial<Job> = {}): Promise<void> {
    if (FINAL_STATES.has(this.job.state)) return
    this.onWire = false
    this.job = { ...this.job, reason: undefined, ...patch, state, ...(this.maybeCharged ? { maybeCharged: this.maybeCharged } : {}) }
    const good = state === 'done' || state === 'reused' || state === 'skipped' || state === 'estimated'
    await (good ? this.ctx.store.complete(this.item.id, this.ctx.worker, this.job) : this.ctx.store.fail(this.item.id, this.ctx.worker, this.job))
  }
}

/**
 * A shared queue hands out its items at the provider's pace: each is sent this long after it was
 * leased (the same for every worker), so the requests keep the leases' even spacing whatever the
 * photo took to prepare (reading, hashing, the journal's write to disk).
 */
export const SEND_LEAD_MS = 200

async function sendAfterLead(since: number | undefined): Promise<void> {
  const wait = since === undefined ? 0 : since + SEND_LEAD_MS - Date.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}

/** Buying it would take the shared queue's spending over its budget cap. */
class HeldByCap extends Error {}
