import { EventEmitter } from 'node:events'
import { basename } from 'node:path'
import PQueue from 'p-queue'
import type { Dispatcher } from 'undici'
import { FINAL_STATES, type Job, type JobState } from '../../shared/jobs'
import { problemText } from '../../shared/operations/common'
import { JobError } from '../errors'
import { keepCopies } from '../files/kept-copies'
import { reserveOutputNames } from '../files/name-book'
import { hashedSource } from '../images/source'
import { buildUpload, type Upload } from '../images/upload'
import { DEFAULT_CACHE_MAX_BYTES, pruneCache } from '../purchases/cache-upkeep'
import { purchaseKey, type Seller } from '../purchases/job-key'
import { Purchases, type StoredResult } from '../purchases/purchases'
import { createDispatcher } from '../providers/http'
import { attachParamFiles } from '../providers/param-files'
import { providerById } from '../providers/registry'
import type { ProviderClient } from '../providers/types'
import { Lanes } from '../scheduler/lanes'
import type { LaneState, ProviderLane } from '../scheduler/provider-lane'
import type { BatchOptions } from './batch-options'
import { checkAccount } from './check-account'
import { Delivery } from './deliver'
import type { BatchEvent, BatchSummary } from './events'
import { nameRequests, type BatchInput } from './input'
import { finalOutcome, summarize } from './outcome'
import { preparePhoto } from './prepare'
import { reusePruned } from './reuse-pruned'
import { settled } from './settled'
import { sendWithRetries } from './send'
import { unansweredNotice } from './unanswered'

interface Work extends Job {
  input: BatchInput
  controller: AbortController
}

/**
 * One batch: every photo through one operation with one set of parameters, into one output folder.
 * Each photo goes through three stages: prepare (check it, name its purchase), send (buy it once,
 * through the provider's lane) and deliver (write the result where it was planned).
 */
export class Batch extends EventEmitter<{ event: [BatchEvent] }> {
  private readonly jobs: Work[]
  private readonly lane: ProviderLane
  private readonly dispatcher: Dispatcher
  private readonly delivery: Delivery
  /** The first job to reach each key; later identical photos are marked as the same as it. */
  private readonly firstByKey = new Map<string, Work>()
  private readonly checks = new PQueue({ concurrency: 4 })
  private readonly paths: ReadonlySet<string>
  private client: ProviderClient | undefined
  private purchases: Purchases | undefined
  private spent = 0
  private estimatedCost = 0
  /** Photos an attempt of which may have been charged without its answer arriving, with why. */
  private readonly maybeCharged = new Map<Work, string>()
  private outageTimer: NodeJS.Timeout | undefined
  /** Quitting: no new photo starts. */
  private finishing = false
  private stoppedBecause: BatchSummary['stoppedBecause']
  private stopMessage: string | undefined

  private readonly options: BatchOptions

  constructor(options: BatchOptions) {
    super()
    // A copy: the values are replaced by ones carrying the extra files' bytes when the batch starts.
    this.options = { ...options }
    const { operation } = options
    this.dispatcher = createDispatcher(options.concurrency + 2)
    this.lane = (options.lanes ?? new Lanes()).get(operation.provider, {
      concurrency: options.concurrency,
      requestsPerSecond: options.requestsPerSecond,
      rateKnown: options.rateKnown,
      refuseWhilePausedForCredits: options.stopWhenCreditsRunOut ?? false
    })
    this.delivery = new Delivery(options.outDir)
    this.paths = new Set(options.inputs.map((input) => input.path))
    this.jobs = options.inputs.map((input) => ({ ref: input.ref, file: input.path, state: 'queued', attempts: 0, input, controller: new AbortController() }))
  }

  get snapshot(): Job[] {
    return this.jobs.map(publicJob)
  }

  pause(): void {
    this.lane.pause('user', 'Paused')
  }

  resume(): void {
    this.lane.resume()
  }

  cancel(): void {
    this.stoppedBecause ??= 'cancelled'
    for (const job of this.jobs) job.controller.abort()
  }

  /**
   * Quitting: no new photo starts and every photo not on the wire is cancelled; requests already sent
   * (which may be charged) get up to `withinMs` to answer, and what arrives is kept. Those still
   * unanswered are then cancelled, their journal entries left open, so the next run says they may
   * have been charged. Resolves to how many were still being waited for.
   */
  finish(withinMs: number): { sent: number; done: Promise<void> } {
    this.finishing = true
    this.stoppedBecause ??= 'cancelled'
    const sent = this.jobs.filter((job) => job.state === 'sending')
    for (const job of this.jobs) {
      if (job.state === 'sending') continue
      job.controller.abort()
      this.update(job, 'cancelled', { reason: 'Not sent: Proofsheet was quitting' })
    }
    const timer = setTimeout(() => sent.forEach((job) => job.controller.abort()), withinMs)
    const done = Promise.all(sent.map((job) => settled(this, job))).then(() => clearTimeout(timer))
    return { sent: sent.length, done }
  }

  async run(): Promise<BatchSummary> {
    try {
      return await this.runJobs()
    } finally {
      await this.purchases?.close()
      await this.dispatcher.close()
    }
  }

  private async runJobs(): Promise<BatchSummary> {
    const { operation, values, apiKey } = this.options
    const { errors, warnings } = operation.validate(values)
    const keyProblem = operation.keyProblem(apiKey)
    if (keyProblem) errors.push(keyProblem)
    if (errors.length) throw new JobError('invalid-request', errors.map(problemText).join('\n'))
    for (const warning of warnings) this.emit('event', { type: 'notice', message: problemText(warning) })
    this.options.values = await attachParamFiles(operation, values)

    this.purchases = await Purchases.open(this.options.stateDir)
    if (!this.options.dryRun) await pruneCache(this.options.stateDir, this.options.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES)
    this.client = this.provider.createClient({ key: apiKey, urls: this.options.urls }, this.dispatcher, this.purchases.ledger)
    if (!this.options.dryRun) {
      const found = await checkAccount(this.client, this.provider.name, this.options.operation.cost(this.options.values).unit)
      if (found) this.emit('event', 'notice' in found ? { type: 'notice', message: found.notice } : { type: 'balance', balance: found.balance })
    }
    this.delivery.plan(this.options.outputNames ?? (await reserveOutputNames({ ...this.options, save: !this.options.dryRun, files: nameRequests(this.options.inputs, operation.expectedOutputs(values)) })))
    await this.delivery.clearAbandoned()
    for (const job of this.jobs) this.emit('event', { type: 'job', job: publicJob(job) })

    const unsubscribe = this.lane.onChange((provider, state) => {
      this.watchOutage(state)
      this.emit('event', { type: 'provider', provider, state })
    })
    try {
      // A fixed pool pulls the next photo as one finishes, so memory follows the concurrency, not the batch size.
      let next = 0
      const worker = async (): Promise<void> => {
        while (next < this.jobs.length && !this.finishing) await this.process(this.jobs[next++] as Work)
      }
      await Promise.all(Array.from({ length: Math.max(8, this.options.concurrency * 4) }, worker))
    } finally {
      unsubscribe()
      clearTimeout(this.outageTimer)
    }
    await this.delivery.clearOwn()
    return this.summary()
  }

  /** Headless runs give up on a provider that stays away, rather than probing it for ever. */
  private watchOutage(state: LaneState): void {
    const patience = this.options.stopWhenUnreachableForMs
    if (patience === undefined) return
    const away = state.status === 'paused' && (state.reason === 'unreachable' || state.reason === 'asked-to-wait')
    if (!away) return clearTimeout(this.outageTimer)
    const giveUp = (): void => {
      this.stoppedBecause ??= 'unreachable'
      this.stopMessage ??= state.message
      for (const job of this.jobs) job.controller.abort()
    }
    if (state.reason === 'asked-to-wait') return giveUp()
    this.outageTimer ??= setTimeout(giveUp, patience)
  }

  private update(job: Work, state: JobState, patch: Partial<Job> = {}): void {
    if (FINAL_STATES.has(job.state)) return
    Object.assign(job, { reason: undefined }, patch, { state })
    this.emit('event', { type: 'job', job: publicJob(job) })
  }

  private async process(job: Work): Promise<void> {
    const { operation, values, dryRun } = this.options
    const purchases = this.purchases as Purchases
    try {
      // Checking files is local work; a few at a time keeps the disk busy without flooding memory.
      const prepared = await this.checks.add(() => preparePhoto(job.input, operation, values, { outDir: this.options.outDir, fit: this.options.fitOversize, batchPaths: this.paths }))
      if ('skip' in prepared) return this.update(job, 'skipped', { reason: prepared.skip })
      const { facts } = prepared
      const key = purchaseKey(prepared.key, this.seller)
      if (prepared.learnt) this.emit('event', { type: 'checked', ref: job.ref, facts })
      job.key = key
      const cached = (await purchases.cached(key)) ?? (await reusePruned(purchases, key, (extensions) => this.delivery.destinations(job.file, extensions), this.options.buyAgain))
      if (cached) return await this.deliver(job, cached, 'reused')

      const first = this.firstByKey.get(key)
      if (!first) this.firstByKey.set(key, job)
      const sameAs = first ? { sameAs: first.ref } : {}
      if (dryRun) {
        if (!first) this.estimatedCost += this.cost
        return this.update(job, 'estimated', sameAs)
      }
      const earlier = first ? null : purchases.earlierUnanswered(key)
      if (earlier) this.emit('event', { type: 'notice', message: unansweredNotice(job.file, earlier) })
      const upload = await buildUpload(await hashedSource(job.file, facts.contentHash as string, prepared.source), facts, prepared.plan, operation.inputLimits)
      this.update(job, 'ready', { ...sameAs, ...(upload.notes.length ? { notes: upload.notes } : {}) })
      const result = await purchases.buy({
        key,
        file: job.file,
        provider: operation.provider,
        amount: this.cost,
        signal: job.controller.signal,
        send: async (sending, maybeCharged) => {
          const result = await this.send(job, upload, sending, async (reason) => {
            this.maybeCharged.set(job, reason)
            await maybeCharged(reason)
          })
          this.spent += this.cost
          return result
        }
      })
      await this.deliver(job, result, 'done')
    } catch (error) {
      this.fail(job, error)
    }
  }

  private async send(job: Work, upload: Upload, sending: () => Promise<void>, maybeCharged: (reason: string) => Promise<void>): ReturnType<ProviderClient['run']> {
    const { operation, values } = this.options
    const image = { name: basename(job.file), format: upload.format, body: new Blob([new Uint8Array(upload.bytes)], { type: `image/${upload.format}` }) }
    const timeoutMs = this.options.timeoutMs ?? operation.timeoutMs(values)
    const answerDeadline = this.lane.answerDeadline(operation.id, timeoutMs)
    return sendWithRetries(this.lane, this.client as ProviderClient, { operation, values, image, timeoutMs, answerDeadline }, job.controller.signal, {
      priority: this.options.priority ?? 0,
      photo: job.ref,
      onSending: async (attempt) => {
        await sending()
        this.update(job, 'sending', { attempts: attempt })
      },
      onMaybeCharged: (_how, reason) => maybeCharged(reason),
      onRetry: (reason) => this.update(job, 'retrying', { reason }),
      onWaiting: (reason) => this.update(job, 'waiting', { reason }),
      onCredits: (error) => {
        if (!this.options.stopWhenCreditsRunOut) return 'wait'
        this.stoppedBecause ??= 'credits'
        this.stopMessage ??= error.message
        return 'give-up'
      },
      onAuth: (error) => {
        this.stoppedBecause ??= 'auth'
        this.stopMessage ??= error.message
        for (const other of this.jobs) if (other !== job && other.state === 'sending') other.controller.abort()
      }
    })
  }

  private async deliver(job: Work, result: StoredResult, state: 'done' | 'reused'): Promise<void> {
    const outputs = await this.delivery.deliver(job.file, result)
    // Where it went is how it is found again once its kept bytes are pruned.
    const key = job.key as string
    const copies = this.options.keepCopiesIn ? keepCopies(this.options.keepCopiesIn, key, outputs) : null
    await (this.purchases as Purchases).delivered(key, outputs, copies ?? undefined)
    this.update(job, state, { outputs, warnings: result.warnings, metadata: result.metadata })
  }

  private fail(job: Work, error: unknown): void {
    const stoppedForAll = this.stoppedBecause === 'auth' || this.stoppedBecause === 'unreachable'
    const { state, reason } = finalOutcome(error, stoppedForAll ? this.stopMessage : undefined)
    this.update(job, state, { reason, ...(error instanceof JobError && error.kind === 'pruned' ? { canBuyAgain: true } : {}) })
  }

  private get seller(): Seller {
    const { operation, urls, apiKey } = this.options
    return { origins: Object.values<string>(urls[operation.provider]), keyKind: this.provider.isSandboxKey(apiKey) ? 'sandbox' : 'live' }
  }

  /** One photo's price; Photoroom sandbox keys are free (and watermarked). */
  private get cost(): number {
    const { operation, values, apiKey } = this.options
    return operation.cost(values, { sandbox: this.provider.isSandboxKey(apiKey) }).amount
  }

  private get provider(): ReturnType<typeof providerById> {
    return providerById(this.options.operation.provider)
  }

  private summary(): BatchSummary {
    const { operation, values } = this.options
    const cost = { amount: this.options.dryRun ? this.estimatedCost : this.spent, unit: operation.cost(values).unit }
    return summarize(this.jobs, cost, this.stoppedBecause, this.stopMessage, this.maybeCharged)
  }
}

function publicJob({ controller: _c, input: _i, ...job }: Work): Job {
  return { ...job }
}
