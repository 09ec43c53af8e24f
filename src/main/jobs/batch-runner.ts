import { Batch, isJobError, Lanes, providerById, type BatchEvent, type BatchInput, type ProviderId, type ProviderOperation, type ProviderUrls } from '../../engine'
import type { EmitEvent, QueueState } from '../../shared/ipc/contract'
import { FINAL_STATES, type Job } from '../../shared/jobs'
import type { ParamValues } from '../../shared/operations'
import { AppError } from '../app/app-error'
import type { BalanceTracker } from '../app/balance-tracker'
import type { Catalog } from '../catalog/catalog'
import { Coalescer } from '../ipc/coalescer'
import type { ApiKeys } from '../keychain/api-keys'
import { outputDirFor } from '../photos/find-photos'
import type { PhotoEvents } from '../photos/photo-events'
import type { PhotoLibrary } from '../photos/photo-library'
import type { SettingsService } from '../settings/settings'
import { catalogFacts, knownFacts, recordResult } from './results'

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
  private queue: QueueState = { state: 'idle', total: 0, finished: 0, counts: {} }
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

  /** The latest job of these photos in this session, where they have one. */
  jobsOf(photoIds: number[]): Job[] {
    return photoIds.flatMap((id) => this.jobs.get(String(id)) ?? [])
  }

  async start(photoIds: number[] | undefined): Promise<{ jobs: number }> {
    if (this.running.length) throw new AppError('busy', 'A batch is already running. Wait for it to finish or cancel it first.')
    const { catalog, photos, settings } = this.o
    const ids = photoIds ?? catalog.photoIds()
    if (!ids.length) throw new AppError('invalid-input', 'Add photos to the catalog first.')
    const { outputFolder, naming, concurrency, fitOversize } = settings.get()
    if (!outputFolder) throw new AppError('invalid-input', 'Choose an output folder first.')

    const groups = new Map<string, Group>()
    for (const { photo, operation, values } of photos.effective(ids)) {
      const key = JSON.stringify([operation.id, values])
      const group = groups.get(key) ?? { operation, values, inputs: [] }
      group.inputs.push({ path: photo.path, ref: String(photo.id), outputDir: outputDirFor(photo), known: knownFacts(photo) })
      groups.set(key, group)
    }
    const keys = await this.keysFor([...new Set([...groups.values()].map((g) => g.operation.provider))])
    for (const { operation } of groups.values()) {
      const problem = operation.keyProblem(keys.get(operation.provider) as string)
      if (problem) throw new AppError('invalid-input', problem.message)
    }

    this.jobs.clear()
    for (const { inputs } of groups.values()) for (const { ref, path } of inputs) this.jobs.set(ref, { ref, file: path, state: 'queued', attempts: 0 })
    this.running = [...groups.values()].map((group) => {
      const provider = providerById(group.operation.provider)
      const apiKey = keys.get(provider.id) as string
      const batch = new Batch({
        inputs: group.inputs,
        operation: group.operation,
        values: group.values,
        outDir: outputFolder,
        naming,
        fitOversize,
        apiKey,
        urls: this.o.urls,
        stateDir: this.o.stateDir,
        concurrency: concurrency[provider.id] ?? provider.limits.concurrency,
        requestsPerSecond: provider.limits.requestsPerSecond,
        lanes: this.lanes
      })
      return { batch, group, sandbox: provider.isSandboxKey(apiKey) }
    })
    this.queue = { state: 'running', total: ids.length, finished: 0, counts: {} }
    this.publishQueue()
    this.idle = this.runAll()
    return { jobs: ids.length }
  }

  pause(): void {
    for (const { batch } of this.running) batch.pause()
  }

  resume(): void {
    for (const { batch } of this.running) batch.resume()
  }

  cancel(): void {
    for (const { batch } of this.running) batch.cancel()
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
  private async keysFor(providers: ProviderId[]): Promise<Map<ProviderId, string>> {
    const keys = new Map<ProviderId, string>()
    for (const provider of providers) {
      const key = await this.o.keys.key(provider)
      const { name } = providerById(provider)
      if (!key) throw new AppError('auth', `Add your ${name} API key first.`)
      const refusal = this.o.keys.refusal(provider)
      if (refusal) throw new AppError('auth', `${name} refused the saved key (${refusal}). Replace it first.`)
      keys.set(provider, key)
    }
    return keys
  }

  private async runAll(): Promise<void> {
    const outcomes = await Promise.all(this.running.map((entry) => this.runOne(entry)))
    this.running = []
    this.coalescer.flush()
    const counts = this.queue.counts
    const done = (counts['done'] ?? 0) + (counts['reused'] ?? 0)
    const problems = outcomes.filter((o): o is string => typeof o === 'string')
    const reason = [`${done} of ${this.queue.total} photos processed.`, ...problems].join(' ')
    this.queue = { ...this.queue, state: 'idle', reason }
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
      case 'checked':
        this.o.catalog.setPhotoFacts(Number(event.ref), catalogFacts(event.facts))
        return this.o.photoEvents.changed([Number(event.ref)])
      case 'balance':
        return this.o.balances.accept(event.balance)
      case 'notice':
        return this.o.emit('notice', { level: 'warning', message: event.message })
      case 'provider': {
        const { state } = event
        if (state.status === 'stopped') this.refuseKey(event.provider, state.message)
        this.queue = { ...this.queue, state: state.status === 'paused' ? 'paused' : 'running', reason: state.status === 'running' ? undefined : state.message }
        return this.publishQueue()
      }
    }
  }

  private onJob(job: Job, { group, sandbox }: Running): void {
    this.jobs.set(job.ref, job)
    this.coalescer.push(job.ref, job)
    if (job.state !== 'done' && job.state !== 'reused') return
    const photoId = Number(job.ref)
    const resultId = recordResult(this.o.catalog, photoId, job, { ...group, sandbox })
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
