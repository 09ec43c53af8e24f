import { basename } from 'node:path'
import type { Job, JobState } from '../../shared/jobs'
import { FINAL_STATES } from '../../shared/jobs'
import type { Deliveries } from './deliveries'
import { JobError } from '../errors'
import { isDiskFull } from '../purchases/not-saved'
import { NotARealFolder } from '../files/not-a-real-folder'
import { keepCopies } from '../files/kept-copies'
import { outputPaths } from '../files/output-plan'
import { hashedSource } from '../images/source'
import { shownAddress } from '../sources/photo-url'
import { buildUpload, type Upload } from '../images/upload'
import { purchaseKey } from '../purchases/job-key'
import type { Purchases, StoredResult } from '../purchases/purchases'
import type { ParamValues } from '../../shared/operations'
import { attachParamFiles, type ParamFileCache } from '../providers/param-files'
import type { ProviderResult } from '../providers/types'
import type { ProviderOperation } from '../providers/registry'
import type { ProviderLane } from '../scheduler/provider-lane'
import { finalOutcome } from '../batch/outcome'
import { preparePhoto } from '../batch/prepare'
import { reuseEarlier } from '../batch/reuse-earlier'
import { sendWithRetries } from '../batch/send'
import { stoppedUnanswered, unansweredNotice } from '../batch/unanswered'
import { HELD_REASON, type WorkItem } from '../work/work-item'
import type { WorkStore } from '../work/work-store'
import type { ItemSetup, ProviderStop, WorkerEvent, WorkerSettings } from './worker-types'
import { buyShared, HeldByCap, reportAnswer, sendAfterLead } from './shared-purchase'

/** What the purchases ask of a send: note each attempt, note one that may have been charged, keep the answer. */
interface PurchaseSteps {
  sending(): Promise<void>
  maybeCharged(reason: string): Promise<void>
  keep(result: ProviderResult): Promise<void>
}

/** What one item's run needs from its worker. */
export interface ItemContext {
  worker: string
  store: WorkStore
  purchases: Purchases
  settings: WorkerSettings
  deliveries: Deliveries
  /** The session, operation and price for this item's provider and key (opened once per worker). */
  setup(item: WorkItem): Promise<ItemSetup>
  operation(item: WorkItem): ProviderOperation
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
  /** A paid answer could be saved nowhere: nothing more is bought until there is room (stopped headless, paused in the app). */
  notSaved(message: string): void
  /** A notice told once for the worker's life, however many photos it concerns. */
  noticeOnce(message: string): void
  /** Told as an item ends, before its end is recorded: the worker's last item leaves no partial folder behind. */
  ending(): Promise<void>
  claimTtlMs: number
  /** Extra images (a guide, a background) this worker has read: a thousand photos with one guide image read it once. */
  paramFiles: ParamFileCache
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
  /** Its end is being recorded: nothing more is written for it. */
  ending = false
  /** Its answer has arrived (or it is reused): from here on it is written, not stopped. */
  private keeping = false
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
    // A result in hand (paid now, or bought before) is written whatever stopped: writing it is local and quick.
    if (this.keeping) return
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
    // Known not to be sendable: no key, session or parameter check is needed to say so.
    if (spec.skip) return this.end('skipped', { reason: spec.skip })
    // The account check (on the wire) and the photo's own preparation (local) go on at once.
    const setting = ctx.setup(item)
    setting.catch(() => undefined)
    const operation = ctx.operation(item)
    // Extra images (a guide, a background) are read once per worker: the bytes hashed into the key are the bytes sent.
    const values = await attachParamFiles(operation, spec.values, ctx.paramFiles)
    const prepared = await ctx.check(() => preparePhoto({ path: spec.path, ref: spec.ref, outputDir: '', ...(spec.known ? { known: spec.known } : {}), ...(spec.url ? { url: spec.url } : {}) }, operation, values, { outDir: spec.outDir, fit: spec.fit }))
    const setup = await setting
    if ('skip' in prepared) return this.end('skipped', { reason: prepared.skip })
    const { facts } = prepared
    if (prepared.learnt) ctx.emit({ type: 'checked', ref: spec.ref, facts })
    const key = purchaseKey(prepared.key, setup.session.seller)
    this.job.key = key
    const cached = await reuseEarlier(ctx.purchases, key, (extensions) => outputPaths(spec.output, extensions), spec.buyAgain)
    if (cached) return this.deliver(cached, 'reused')

    const first = ctx.firstOf(item.run, key, spec.ref)
    const sameAs = first === spec.ref ? {} : { sameAs: first }
    if (ctx.settings.dryRun) return this.end('estimated', sameAs)
    // Nothing is bought that could not be written: its output folders are real folders, made now.
    await (await ctx.deliveries.of(spec.outDir)).ready(spec.output)
    const earlier = first === spec.ref ? ctx.purchases.earlierUnanswered(key) : null
    if (earlier) ctx.emit({ type: 'notice', message: unansweredNotice(spec.path, earlier) })
    const source = await hashedSource(spec.path, facts.contentHash as string, prepared.source)
    const upload = await buildUpload(source, facts, prepared.plan, operation.inputLimits)
    // By address only when the provider would receive the very bytes at it (not fitted, turned or
    // converted), and never an address carrying a user name or password: those stay on this machine.
    if (spec.url && upload.bytes.equals(source.bytes) && shownAddress(spec.url.href) === spec.url.href) upload.url = spec.url.href
    await this.step('ready', { ...sameAs, ...(upload.notes.length ? { notes: upload.notes } : {}) })
    const result = await this.buy(key, setup, upload, values)
    await this.deliver(result, 'done')
  }

  /** Claimed in the store (one worker at a time per purchase), then bought through the purchases (one process at a time). */
  private async buy(key: string, setup: ItemSetup, upload: Upload, values: ParamValues): Promise<StoredResult> {
    const { ctx, item } = this
    for (let wait = 50; !(await ctx.store.claimPurchase(key, ctx.worker, ctx.claimTtlMs)); wait = Math.min(1_000, wait * 2)) {
      await new Promise((resolve) => setTimeout(resolve, wait))
      this.controller.signal.throwIfAborted()
      const bought = await ctx.purchases.cached(key)
      if (bought) return bought
    }
    try {
      const { shared } = ctx.store
      if (!shared) return await this.purchase(key, setup, upload, values)
      return await buyShared({
        shared,
        key,
        worker: ctx.worker,
        provider: setup.operation.provider,
        cost: setup.cost,
        file: item.spec.path,
        cached: () => ctx.purchases.cached(key),
        buy: (sent) => this.purchase(key, setup, upload, values, sent),
        mayHaveBeenCharged: (notice) => {
          this.maybeCharged = notice
          ctx.emit({ type: 'notice', message: notice })
        },
        answerLost: () => this.answerLost
      })
    } finally {
      await ctx.store.releasePurchase(key, ctx.worker)
    }
  }

  private async purchase(key: string, setup: ItemSetup, upload: Upload, values: ParamValues, sent?: () => void): Promise<StoredResult> {
    const { ctx, item } = this
    const delivery = await ctx.deliveries.of(item.spec.outDir)
    return ctx.purchases.buy({
      key,
      file: item.spec.path,
      provider: setup.operation.provider,
      amount: setup.cost,
      signal: this.controller.signal,
      destinations: (extensions) => outputPaths(item.spec.output, extensions),
      buyAgain: item.spec.buyAgain,
      send: (sending, maybeCharged, keep) => {
        sent?.()
        // The answer is in: it is written where it belongs before anything may stop it.
        const keepAnswer = async (answer: ProviderResult): Promise<void> => {
          this.keeping = true
          await keep(answer)
        }
        return this.send(key, setup, upload, values, { sending, maybeCharged, keep: keepAnswer })
      },
      write: (outputs) => delivery.write(item.spec.output, outputs)
    })
  }

  private send(key: string, setup: ItemSetup, upload: Upload, values: ParamValues, { sending, maybeCharged, keep }: PurchaseSteps): Promise<ProviderResult> {
    const { ctx, item } = this
    const { shared } = ctx.store
    const { operation } = setup
    const image = { name: basename(item.spec.path), format: upload.format, bytes: upload.bytes }
    const timeoutMs = ctx.settings.timeoutMs ?? operation.timeoutMs(values)
    const lane = ctx.lane(item)
    const answerDeadline = lane.answerDeadline(operation.id, timeoutMs)
    const sent = sendWithRetries(lane, setup.session.client, { operation, values, image, ...(upload.url ? { imageUrl: upload.url } : {}), timeoutMs, answerDeadline }, this.controller.signal, {
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
      },
      keep
    })
    return shared ? reportAnswer(shared, operation.provider, key, ctx.worker, sent) : sent
  }

  private async deliver(result: StoredResult, state: 'done' | 'reused'): Promise<void> {
    const { ctx, item } = this
    this.keeping = true
    const delivery = await ctx.deliveries.of(item.spec.outDir)
    const outputs = await delivery.deliver(item.spec.output, result).catch((error: unknown) => {
      throw notWritten(error)
    })
    if (result.uncached) ctx.noticeOnce(`Proofsheet could not keep its own copy of results (${result.uncached}); each is kept only where it was written, and the purchase is noted, so running it again does not buy it again.`)
    // Where it went is how it is found again once its kept bytes are pruned.
    const key = this.job.key as string
    const copies = ctx.settings.keepCopiesIn ? keepCopies(ctx.settings.keepCopiesIn, key, outputs) : null
    // Only a help for later (a full state folder may refuse it): the result is written either way.
    await ctx.purchases.delivered(key, outputs, copies ?? undefined, result.written).catch(() => undefined)
    await this.end(state, { outputs, warnings: result.warnings, metadata: result.metadata })
  }

  private async failed(error: unknown): Promise<void> {
    if (this.givenBack) return
    if (this.requeued && !this.controller.signal.aborted) return this.ctx.store.release(this.ctx.worker, [this.item.id])
    if (error instanceof HeldByCap) return this.end('held', { reason: HELD_REASON })
    // Paid and saved nowhere: buying more would only lose more.
    if (error instanceof JobError && error.kind === 'not-saved' && (error.details.paid || error.details.diskFull)) this.ctx.notSaved(error.message)
    const stop = this.ctx.stopped(this.item)
    const forAll = stop && stop.because !== 'credits' ? stop.message : undefined
    const cancelled = error instanceof JobError && error.kind === 'cancelled'
    const outcome = cancelled && !forAll ? { state: 'cancelled' as const, reason: this.stopReason } : finalOutcome(error, forAll)
    // Paid already (before, or just now for an answer with no usable image): only Buy again sends it once more.
    const paid = error instanceof JobError && (error.kind === 'bought-before' || error.kind === 'charged-without-result')
    // Charged now, with nothing to show for it: the budget cap counts it all the same.
    const charged = error instanceof JobError && (error.kind === 'charged-without-result' || (error.kind === 'not-saved' && error.details.paid === true))
    await this.end(outcome.state, { reason: outcome.reason, ...(paid ? { canBuyAgain: true } : {}), ...(charged ? { charged: true } : {}) })
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
    this.ending = true
    await this.ctx.ending()
    await (good ? this.ctx.store.complete(this.item.id, this.ctx.worker, this.job) : this.ctx.store.fail(this.item.id, this.ctx.worker, this.job))
  }
}

/** A result Proofsheet holds (paid now or before) that could not be written where it belongs: kept for the next run. */
function notWritten(error: unknown): JobError {
  const diskFull = isDiskFull(error)
  const why = diskFull ? 'the disk is full' : error instanceof NotARealFolder ? error.message : (error as Error).message
  return new JobError('not-saved', `Paid and kept by Proofsheet, but not written: ${why}. Run it again once that is fixed; it is not bought again.`, { diskFull })
}
