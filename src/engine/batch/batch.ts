import { EventEmitter } from 'node:events'
import { rm } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import PQueue from 'p-queue'
import type { Dispatcher } from 'undici'
import type { ParamValues } from '../../shared/operations'
import { problemText } from '../../shared/operations/common'
import { JobError, isJobError } from '../errors'
import { inspectFile } from '../files/inspect'
import { outputPaths, planOutputs, type PlannedOutput } from '../files/output-plan'
import { placeOutput } from '../files/place-output'
import { scanInputs } from '../files/scan'
import { uploadBody } from '../files/upright'
import { hashFile, jobKey } from '../journal/job-key'
import { Journal } from '../journal/journal'
import { ResultCache, type CachedResult } from '../journal/result-cache'
import { SpendLedger } from '../journal/spend-ledger'
import { providerById, type ProviderOperation, type ProviderUrls } from '../providers/registry'
import { createDispatcher } from '../providers/http'
import type { ProviderClient, ProviderResult, UploadImage } from '../providers/types'
import { Lanes } from '../scheduler/lanes'
import type { ProviderLane } from '../scheduler/provider-lane'
import { FINAL_STATES, type BatchEvent, type BatchSummary, type JobSnapshot, type JobState } from './job'
import { finalOutcome, summarize } from './outcome'
import { sendWithRetries } from './send-with-retries'

export interface BatchOptions {
  inputs: string[]
  operation: ProviderOperation
  values: ParamValues
  outDir: string
  apiKey: string
  urls: ProviderUrls
  /** Where paid results and the journal live, shared by every run so nothing is bought twice. */
  stateDir: string
  concurrency: number
  requestsPerSecond: number
  dryRun?: boolean
  /** Headless: when credits run out, end the run instead of waiting for a top-up. */
  stopWhenCreditsRunOut?: boolean
  /** Shared with other batches so they respect one provider limit together. */
  lanes?: Lanes
  /** Higher goes first: a single re-run jumps ahead of a running batch. */
  priority?: number
  /** Overrides the per-operation request timeout. */
  timeoutMs?: number
  /** Output file name pattern; `{name}` is the input's own name. */
  naming?: string
}

interface Job extends JobSnapshot {
  plan?: PlannedOutput
  controller: AbortController
}

/** One batch: every input through one operation with one set of parameters, into one output folder. */
export class Batch extends EventEmitter<{ event: [BatchEvent] }> {
  private readonly jobs: Job[] = []
  private readonly lane: ProviderLane
  private readonly client: ProviderClient
  private readonly dispatcher: Dispatcher
  private readonly cache: ResultCache
  private readonly journal: Journal
  private readonly partialDir: string
  private readonly inFlight = new Map<string, Promise<CachedResult & { dir: string }>>()
  /** The first job to reach each key; later identical photos are marked as the same as it. */
  private readonly firstByKey = new Map<string, Job>()
  private readonly checks = new PQueue({ concurrency: 4 })
  private spent = 0
  private estimatedCost = 0
  private stoppedBecause: BatchSummary['stoppedBecause']
  private stopMessage: string | undefined

  constructor(private readonly options: BatchOptions) {
    super()
    const provider = options.operation.provider
    this.dispatcher = createDispatcher(options.concurrency + 2)
    const ledger = new SpendLedger(options.stateDir)
    this.client = providerById(provider).createClient({ key: options.apiKey, urls: options.urls }, this.dispatcher, ledger)
    this.lane = (options.lanes ?? new Lanes()).get(provider, {
      concurrency: options.concurrency,
      requestsPerSecond: options.requestsPerSecond,
      refuseWhilePausedForCredits: options.stopWhenCreditsRunOut ?? false
    })
    this.cache = new ResultCache(join(options.stateDir, 'results'))
    this.journal = new Journal(join(options.stateDir, 'journal.ndjson'))
    this.partialDir = join(resolve(options.outDir), '.proofsheet-partial')
  }

  get snapshot(): JobSnapshot[] {
    return this.jobs.map((job) => this.publicJob(job))
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

  async run(): Promise<BatchSummary> {
    try {
      return await this.runJobs()
    } finally {
      await this.journal.close()
      await this.dispatcher.close()
    }
  }

  private async runJobs(): Promise<BatchSummary> {
    const { operation, values } = this.options
    const { errors, warnings } = operation.validate(values)
    const keyProblem = operation.keyProblem(this.options.apiKey)
    if (keyProblem) errors.push(keyProblem)
    if (errors.length) throw new JobError('invalid-request', errors.map(problemText).join('\n'))
    for (const warning of warnings) this.emit('event', { type: 'notice', message: problemText(warning) })

    if (!this.options.dryRun) await this.checkAccount()
    await rm(this.partialDir, { recursive: true, force: true })
    await this.cache.removeIncomplete()
    const unanswered = await Journal.unanswered(this.journal.path)

    const { files, skipped } = await scanInputs(this.options.inputs, [this.options.outDir])
    const expected = operation.expectedOutputs(values)
    const plans = planOutputs(files, this.options.outDir, expected.count, expected.extension, this.options.naming)
    for (const s of skipped) this.update(this.addJob(s.path), 'skipped', { reason: s.reason })
    const work = files.map((f) => {
      const job = this.addJob(f.path)
      job.plan = plans.get(f.path)
      return job
    })

    const unsubscribe = this.lane.onChange((provider, state) => this.emit('event', { type: 'provider', provider, state }))
    try {
      // A fixed pool pulls the next photo as one finishes, so memory follows the concurrency, not the batch size.
      let next = 0
      const worker = async (): Promise<void> => {
        while (next < work.length) await this.process(work[next++] as Job, unanswered)
      }
      await Promise.all(Array.from({ length: Math.max(8, this.options.concurrency * 4) }, worker))
    } finally {
      unsubscribe()
    }
    await rm(this.partialDir, { recursive: true, force: true })
    return this.summary()
  }

  /**
   * A free balance query before the first image: a wrong key stops the batch before anything is sent,
   * and the balance is reported up front.
   */
  private async checkAccount(): Promise<void> {
    const { operation, values } = this.options
    let balances
    try {
      balances = await this.client.balances()
    } catch (error) {
      if (isJobError(error) && error.kind === 'auth') throw error
      // No HTTP answer at all: sending every photo would only retry each one into the same wall.
      if (isJobError(error) && error.kind === 'retryable' && error.details.status === undefined) {
        throw new JobError('retryable', `${providerById(operation.provider).name} cannot be reached (${error.message}). Nothing was sent.`)
      }
      this.emit('event', { type: 'notice', message: `Could not read the ${providerById(operation.provider).name} balance before starting (${(error as Error).message}).` })
      return
    }
    const unit = operation.cost(values).unit
    const balance = balances.find((b) => b.unit === unit && b.source === 'provider')
    if (balance?.source === 'provider') this.emit('event', { type: 'balance', balance })
  }

  private addJob(file: string): Job {
    const job: Job = { id: this.jobs.length + 1, file, state: 'queued', attempts: 0, controller: new AbortController() }
    this.jobs.push(job)
    this.emit('event', { type: 'job', job: this.publicJob(job) })
    return job
  }

  private publicJob({ controller: _c, plan: _p, ...job }: Job): JobSnapshot {
    return { ...job }
  }

  private update(job: Job, state: JobState, patch: Partial<JobSnapshot> = {}): void {
    if (FINAL_STATES.has(job.state)) return
    Object.assign(job, { reason: undefined }, patch, { state })
    this.emit('event', { type: 'job', job: this.publicJob(job) })
  }

  private async process(job: Job, unanswered: Map<string, unknown>): Promise<void> {
    const { operation, values } = this.options
    try {
      // Checking files is local work; a few at a time keeps the disk busy without flooding memory.
      const checked = await this.checks.add(async () => {
        const inspection = await inspectFile(job.file)
        if (!inspection.ok) return { skip: inspection.reason }
        const problems = operation.inputProblems(inspection, values)
        if (problems.length) return { skip: problems.join('; ') }
        return { inspection, key: jobKey(await hashFile(job.file), operation.id, values) }
      })
      if ('skip' in checked) return this.update(job, 'skipped', { reason: checked.skip })
      const { inspection, key } = checked
      const cached = await this.cache.get(key)
      if (cached) return await this.deliver(job, cached, 'reused')

      // From here to inFlight.set there is no await, so two identical files cannot both buy.
      const first = this.firstByKey.get(key)
      if (!first) this.firstByKey.set(key, job)
      const pending = this.inFlight.get(key)
      if (pending || (this.options.dryRun && first)) {
        this.update(job, this.options.dryRun ? 'estimated' : 'ready', first ? { sameAs: first.id } : {})
        if (pending) await this.deliver(job, await pending, 'done')
        return
      }
      if (this.options.dryRun) {
        this.estimatedCost += operation.cost(values, { sandbox: this.sandbox }).amount
        return this.update(job, 'estimated')
      }
      const purchase = (async () => {
        if (unanswered.has(key)) {
          this.emit('event', { type: 'notice', message: `${basename(job.file)} was being processed when Proofsheet last stopped; it is sent again (the provider may have charged the first attempt).` })
        }
        this.update(job, 'ready')
        const image: UploadImage = { name: basename(job.file), format: inspection.format, body: await uploadBody(job.file, inspection.format, inspection.orientation) }
        return this.purchase(job, key, image)
      })()
      this.inFlight.set(key, purchase)
      const result = await purchase.finally(() => this.inFlight.delete(key))
      await this.deliver(job, result, 'done')
    } catch (error) {
      this.fail(job, error)
    }
  }

  private async purchase(job: Job, key: string, image: UploadImage): Promise<CachedResult & { dir: string }> {
    const { operation, values } = this.options
    const result = await this.sendAndJournal(job, key, image)
    const stored = await this.cache.put(key, result.outputs, result.metadata, result.warnings)
    await this.journal.append({ key, file: job.file, event: 'received' })
    this.spent += operation.cost(values, { sandbox: this.sandbox }).amount
    return stored
  }

  /** A request the provider answered, even with a refusal, is closed in the journal; only a cancelled one stays open. */
  private async sendAndJournal(job: Job, key: string, image: UploadImage): Promise<ProviderResult> {
    try {
      return await this.send(job, key, image)
    } catch (error) {
      if (!isJobError(error) || error.kind !== 'cancelled') await this.journal.append({ key, file: job.file, event: 'failed', detail: (error as Error).message })
      throw error
    }
  }

  private send(job: Job, key: string, image: UploadImage): Promise<ProviderResult> {
    const { operation, values } = this.options
    const timeoutMs = this.options.timeoutMs ?? operation.timeoutMs(values)
    return sendWithRetries(this.lane, this.client, { operation, values, image, timeoutMs }, job.controller.signal, {
      priority: this.options.priority ?? 0,
      onSending: async (attempt) => {
        await this.journal.append({ key, file: job.file, event: 'sending' })
        this.update(job, 'sending', { attempts: attempt })
      },
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

  private async deliver(job: Job, result: CachedResult & { dir: string }, state: 'done' | 'reused'): Promise<void> {
    const plan = job.plan as PlannedOutput
    const destinations = outputPaths(plan, result.outputs.map((o) => o.extension))
    await Promise.all(result.outputs.map((o, i) => placeOutput(join(result.dir, o.file), destinations[i] as string, this.partialDir)))
    this.update(job, state, { outputs: destinations, warnings: result.warnings, metadata: result.metadata })
  }

  private fail(job: Job, error: unknown): void {
    const { state, reason } = finalOutcome(error, this.stoppedBecause === 'auth' ? this.stopMessage : undefined)
    this.update(job, state, { reason })
  }

  /** Photoroom sandbox keys are free (and watermarked). */
  private get sandbox(): boolean {
    return providerById(this.options.operation.provider).isSandboxKey(this.options.apiKey)
  }

  private summary(): BatchSummary {
    const { operation, values } = this.options
    return summarize(this.jobs, { amount: this.options.dryRun ? this.estimatedCost : this.spent, unit: operation.cost(values).unit }, this.stoppedBecause, this.stopMessage)
  }
}
