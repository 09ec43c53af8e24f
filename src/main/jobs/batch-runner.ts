import { Batch, isJobError, Lanes, nameRequests, providerById, reserveOutputNames, type BatchEvent, type BatchInput, type ProviderId, type ProviderOperation, type ProviderUrls } from '../../engine'
import type { EmitEvent, QueueState } from '../../shared/ipc/contract'
import { FINAL_STATES, type Job } from '../../shared/jobs'
import type { ParamValues } from '../../shared/operations'
import { AppError } from '../app/app-error'
import type { BalanceTracker } from '../app/balance-tracker'
import type { Catalog } from '../catalog/catalog'
import { Coalescer } from '../ipc/coalescer'
import type { ApiKeys } from '../keychain/api-keys'
import type { KeyKind } from '../keychain/api-keys'
import { withinCap } from '../photos/cost-estimate'
import { lastProofs, pickedProofs } from './proofs'
import { outputDirFor } from '../photos/find-photos'
import type { PhotoEvents } from '../photos/photo-events'
import type { PhotoLibrary } from '../photos/photo-library'
import type { SettingsService } from '../settings/settings'
import { catalogFacts, knownFacts, recordResult } from './results'
import { runSummary } from './run-summary'

export type RunMode = 'normal' | 'proof' | 'for-real'

const KEY_KINDS: Record<RunMode, KeyKind | undefined> = { normal: undefined, proof: 'sandbox', 'for-real': 'live' }

export interface RunnerHooks {
  /** 0..1 while a batch runs, null when idle: the dock or taskbar progress. */
  progress?(fraction: number | null): void
  /** The batch is over: a system notification. */
  finished?(message: string): void
}

export interface RunnerOptions {
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
}

interface Group {
  operation: ProviderOperation
  values: ParamValues
  inputs: BatchInput[]
}

interface Running {
  batch: Batch
  group: Group
  sandbox: boolean
}

/** Runs catalog photos through the engine: one engine batch per distinct set of parameters, all on shared lanes. */
export class BatchRunner {
  private running: Running[] = []
  /** The latest job of each photo in this session, by photo id. */
  private readonly jobs = new Map<string, Job>()
  private readonly lanes = new Lanes()
  private queue: QueueState = { state: 'idle', total: 0, finished: 0, counts: {}, providers: {}, held: 0 }
  /** Proof runs use the sandbox key, runs for real the live one. */
  private mode: RunMode = 'normal'
  /** Pay once more for photos whose kept result was pruned and whose output is gone: only when asked. */
  private buyAgain = false
  /** Photos of this run that wait because the budget cap would be passed. */
  private held: number[] = []
  /** What this run's started photos cost at most, counted against the cap. */
  private budgetUsed = 0
  private readonly coalescer: Coalescer<string, Job>
  /** Settles when the current run is over and its results recorded. */
  private idle: Promise<void> = Promise.resolve()

  constructor(private readonly o: RunnerOptions) {
    this.coalescer = new Coalescer((jobs) => {
      o.emit('jobs', [...jobs.values()])
      this.publishQueue()
    })
  }

  queueState(): QueueState {
    return this.queue
  }

  /** The latest job of every photo run in this session. */
  latestJobs(): Job[] {
    return [...this.jobs.values()]
  }

  /** The latest job of these photos in this session, where they have one. */
  jobsOf(photoIds: number[]): Job[] {
    return photoIds.flatMap((id) => this.jobs.get(String(id)) ?? [])
  }

  async start(photoIds: number[] | undefined, { mode = 'normal', buyAgain }: { mode?: RunMode | undefined; buyAgain: boolean }): Promise<{ jobs: number; held: number }> {
    if (this.running.length) throw new AppError('busy', 'A batch is already running. Wait for it to finish or cancel it first.')
    // The same photo named twice is one job, not two variants bought at once.
    const ids = [...new Set(photoIds ?? (mode === 'for-real' ? pickedProofs(this.o.catalog) : this.o.catalog.photoIds()))]
    if (!ids.length) throw new AppError('invalid-input', mode === 'for-real' ? 'Pick the proofed photos to run for real first (P in the loupe).' : 'Add photos to the catalog first.')
    this.budgetUsed = 0
    this.mode = mode
    this.buyAgain = buyAgain
    return this.launch(ids, false)
  }

  /** Runs what fits under the budget cap now; the rest waits, as jobs, until the cap is raised and Resume pressed. */
  private async launch(ids: number[], continuing: boolean): Promise<{ jobs: number; held: number }> {
    const { catalog, photos, settings } = this.o
    const { outputFolder, naming, concurrency, fitOversize, budgetCap } = settings.get()
    if (!outputFolder) throw new AppError('invalid-input', 'Choose an output folder first.')
    const fits = withinCap(catalog, photos, ids, budgetCap === null ? null : budgetCap - this.budgetUsed)
    const now = ids.slice(0, fits)
    this.held = ids.slice(fits)

    const groups = new Map<string, Group>()
    for (const { photo, operation, values } of this.mode === 'for-real' ? lastProofs(catalog, now) : photos.effective(now)) {
      const key = JSON.stringify([operation.id, values])
      const group = groups.get(key) ?? { operation, values, inputs: [] }
      group.inputs.push({ path: photo.path, ref: String(photo.id), outputDir: outputDirFor(photo), known: knownFacts(photo) })
      groups.set(key, group)
    }
    if (!groups.size) throw new AppError('invalid-input', 'None of these photos has a proof run to send for real.')
    const keys = await this.keysFor([...new Set([...groups.values()].map((g) => g.operation.provider))], KEY_KINDS[this.mode])
    for (const { operation } of groups.values()) {
      const problem = operation.keyProblem(keys.get(operation.provider) as string)
      if (problem) throw new AppError('invalid-input', problem.message)
    }
    // Named once for every group: two groups writing into one folder never pick the same name.
    const outputNames = await reserveOutputNames({ stateDir: this.o.stateDir, outDir: outputFolder, naming, files: [...groups.values()].flatMap((g) => nameRequests(g.inputs, g.operation.expectedOutputs(g.values))) })

    if (!continuing) this.jobs.clear()
    for (const { inputs } of groups.values()) for (const { ref, path } of inputs) this.jobs.set(ref, { ref, file: path, state: 'queued', attempts: 0 })
    for (const id of this.held) this.jobs.set(String(id), { ref: String(id), file: photos.require(id).path, state: 'waiting', attempts: 0, reason: 'Waiting: running it would go over the budget cap.' })
    this.running = [...groups.values()].map((group) => {
      const provider = providerById(group.operation.provider)
      const apiKey = keys.get(provider.id) as string
      const batch = new Batch({
        inputs: group.inputs,
        operation: group.operation,
        values: group.values,
        outDir: outputFolder,
        outputNames,
        fitOversize,
        buyAgain: this.buyAgain,
        keepCopiesIn: this.o.variantsDir,
        apiKey,
        urls: this.o.urls,
        stateDir: this.o.stateDir,
        concurrency: concurrency[provider.id] ?? provider.limits.concurrency,
        requestsPerSecond: provider.limits.requestsPerSecond,
        lanes: this.lanes
      })
      this.budgetUsed += group.inputs.length * group.operation.cost(group.values).amount
      return { batch, group, sandbox: provider.isSandboxKey(apiKey) }
    })
    const total = continuing ? this.queue.total : ids.length
    this.queue = { state: 'running', total, finished: 0, counts: {}, startedAt: continuing ? this.queue.startedAt : Date.now(), providers: {}, held: this.held.length }
    this.publishQueue()
    this.idle = this.runAll()
    return { jobs: now.length, held: this.held.length }
  }

  pause(): void {
    for (const { batch } of this.running) batch.pause()
  }

  /** With nothing running but photos held by the cap, Resume runs them (under the cap as it is now). */
  resume(): void {
    if (!this.running.length && this.held.length) {
      void this.launch(this.held, true).catch((error: Error) => this.o.emit('notice', { level: 'error', message: error.message }))
      return
    }
    for (const { batch } of this.running) batch.resume()
  }

  cancel(): void {
    for (const id of this.held) this.jobs.set(String(id), { ref: String(id), file: this.jobs.get(String(id))?.file ?? '', state: 'cancelled', attempts: 0 })
    this.held = []
    for (const { batch } of this.running) batch.cancel()
    if (!this.running.length && this.queue.state === 'paused') {
      this.queue = { ...this.queue, state: 'idle', held: 0, reason: 'Cancelled.' }
      this.publishQueue()
    }
  }

  /**
   * Quitting mid-batch: no new photo starts, and requests already sent (which may be charged) get up
   * to `withinMs` to answer, with "Finishing N paid requests" shown meanwhile; what arrives is kept.
   * Whatever is still unanswered stays open in the journal, so the next run says it may have been charged.
   */
  async finish(withinMs = 30_000): Promise<void> {
    const finishing = this.running.map(({ batch }) => batch.finish(withinMs))
    const sent = finishing.reduce((sum, f) => sum + f.sent, 0)
    if (sent) {
      this.queue = { ...this.queue, reason: `Finishing ${sent} paid ${sent === 1 ? 'request' : 'requests'} before quitting` }
      this.publishQueue()
    }
    await Promise.all(finishing.map((f) => f.done))
    await this.idle
  }

  /** No request is sent that is known to fail: every provider in the batch needs a key not yet refused. */
  private async keysFor(providers: ProviderId[], kind: KeyKind | undefined): Promise<Map<ProviderId, string>> {
    const keys = new Map<ProviderId, string>()
    for (const provider of providers) {
      const key = await this.o.keys.key(provider, kind)
      const { name } = providerById(provider)
      if (!key && kind === 'sandbox') throw new AppError('auth', `Add a ${name} sandbox key (it starts with sandbox_) for free proof runs.`)
      if (!key) throw new AppError('auth', kind === 'live' ? `Add your ${name} live API key to run for real.` : `Add your ${name} API key first.`)
      const refusal = kind === 'sandbox' ? undefined : this.o.keys.refusal(provider)
      if (refusal) throw new AppError('auth', `${name} refused the saved key (${refusal}). Replace it first.`)
      keys.set(provider, key)
    }
    return keys
  }

  private async runAll(): Promise<void> {
    const outcomes = await Promise.all(this.running.map((entry) => this.runOne(entry)))
    this.running = []
    this.coalescer.flush()
    const problems = outcomes.filter((o): o is string => typeof o === 'string')
    const reason = [runSummary(this.queue.counts, this.queue.total), ...problems].join(' ')
    if (this.held.length) {
      const cap = this.o.settings.get().budgetCap ?? 0
      this.queue = { ...this.queue, state: 'paused', held: this.held.length, reason: `Budget cap of ${cap} reached: ${this.held.length} photos wait. Raise the cap, then Resume.` }
      return this.publishQueue()
    }
    this.queue = { ...this.queue, state: 'idle', reason, held: 0 }
    this.publishQueue()
    this.o.hooks?.finished?.(reason)
  }

  /** Resolves to a sentence when the batch could not run at all. */
  private async runOne(entry: Running): Promise<string | undefined> {
    const listener = (event: BatchEvent): void => this.onEvent(event, entry)
    entry.batch.on('event', listener)
    try {
      await entry.batch.run()
      return undefined
    } catch (error) {
      const message = (error as Error).message
      if (isJobError(error) && error.kind === 'auth') this.refuseKey(entry.group.operation.provider, message)
      this.o.emit('notice', { level: 'error', message })
      return message
    } finally {
      entry.batch.off('event', listener)
    }
  }

  private refuseKey(provider: ProviderId, message: string): void {
    this.o.keys.markRefused(provider, message)
    void this.o.keys.status(provider).then((status) => this.o.emit('keys', status))
  }

  private onEvent(event: BatchEvent, entry: Running): void {
    switch (event.type) {
      case 'job':
        return this.onJob(event.job, entry)
      case 'checked': {
        // A photo removed from the catalog while it runs has nowhere to keep what was learnt.
        const photoId = Number(event.ref)
        if (!this.o.catalog.photo(photoId)) return
        this.o.catalog.setPhotoFacts(photoId, catalogFacts(event.facts))
        return this.o.photoEvents.changed([photoId])
      }
      case 'balance':
        return this.o.balances.accept(event.balance)
      case 'notice':
        return this.o.emit('notice', { level: 'warning', message: event.message })
      case 'provider': {
        const { state } = event
        if (state.status === 'stopped') this.refuseKey(event.provider, state.message)
        const providers = { ...this.queue.providers, [event.provider]: { status: state.status, ...(state.status === 'running' ? {} : { message: state.message }) } }
        this.queue = { ...this.queue, providers, state: state.status === 'paused' ? 'paused' : 'running', reason: state.status === 'running' ? undefined : state.message }
        return this.publishQueue()
      }
    }
  }

  private onJob(job: Job, { group, sandbox }: Running): void {
    this.jobs.set(job.ref, job)
    this.coalescer.push(job.ref, job)
    if (job.state !== 'done' && job.state !== 'reused') return
    const photoId = Number(job.ref)
    const resultId = recordResult(this.o.catalog, photoId, job, { ...group, sandbox }, this.o.variantsDir)
    if (resultId !== null) {
      this.o.emit('result', { photoId, resultId, outputs: job.outputs?.length ?? 0 })
      this.o.photoEvents.changed([photoId])
    }
    if (job.state === 'done') this.o.balances.refreshSoon(group.operation.provider)
  }

  private publishQueue(): void {
    const counts: Record<string, number> = {}
    let finished = 0
    for (const { state } of this.jobs.values()) {
      counts[state] = (counts[state] ?? 0) + 1
      if (FINAL_STATES.has(state)) finished++
    }
    this.queue = { ...this.queue, counts, finished }
    this.o.emit('queue', this.queue)
    this.o.hooks?.progress?.(this.queue.state === 'idle' ? null : this.queue.total ? finished / this.queue.total : 0)
  }
}
