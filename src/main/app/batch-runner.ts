import type { EmitEvent, JobUpdate, QueueState } from '../../shared/ipc/contract'
import type { ParamValues } from '../../shared/operations'
import { providerById, type ProviderId, type ProviderOperation, type ProviderUrls } from '../../engine/providers/registry'
import { isJobError } from '../../engine/errors'
import { Batch } from '../../engine/batch/batch'
import { FINAL_STATES, type BatchEvent, type JobSnapshot, type JobState } from '../../engine/batch/job'
import { Lanes } from '../../engine/scheduler/lanes'
import { JobCoalescer } from '../ipc/job-coalescer'
import type { ApiKeys } from '../keychain/api-keys'
import type { Library } from '../library/library'
import type { SettingsService } from '../settings/settings'
import { AppError } from './app-error'
import type { BalanceTracker } from './balance-tracker'

export interface RunnerHooks {
  /** 0..1 while a batch runs, null when idle: the dock or taskbar progress. */
  progress?(fraction: number | null): void
  /** The batch is over: a system notification. */
  finished?(message: string): void
}

export interface RunnerOptions {
  library: Library
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
  paths: string[]
}

/** Runs the library's photos through the engine: one engine batch per distinct set of parameters. */
export class BatchRunner {
  private batches: { batch: Batch; provider: ProviderId }[] = []
  private readonly states = new Map<string, JobState>()
  private readonly lanes = new Lanes()
  private queue: QueueState = { state: 'idle', total: 0, finished: 0, counts: {} }
  private readonly coalescer: JobCoalescer

  constructor(private readonly o: RunnerOptions) {
    this.coalescer = new JobCoalescer((updates) => {
      o.emit('jobs', updates)
      this.publishQueue()
    })
  }

  queueState(): QueueState {
    return this.queue
  }

  async start(imageIds: string[] | undefined): Promise<{ jobs: number }> {
    if (this.batches.length) throw new AppError('busy', 'A batch is already running. Wait for it to finish or cancel it first.')
    const { library, settings } = this.o
    const ids = imageIds ?? library.state().images.map((i) => i.id)
    if (!ids.length) throw new AppError('invalid-input', 'Add photos to the library first.')
    const { outputFolder, naming, concurrency } = settings.get()
    if (!outputFolder) throw new AppError('invalid-input', 'Choose an output folder first.')

    const groups = new Map<string, Group>()
    for (const id of ids) {
      const image = library.get(id)
      if (!image) throw new AppError('not-found', 'A photo in this batch is no longer in the library.')
      const { operation, values } = library.effective(id)
      const key = JSON.stringify([operation.id, values])
      const group = groups.get(key) ?? { operation, values, paths: [] }
      group.paths.push(image.path)
      groups.set(key, group)
    }
    const keys = await this.keysFor([...new Set([...groups.values()].map((g) => g.operation.provider))])
    for (const { operation } of groups.values()) {
      const problem = operation.keyProblem(keys.get(operation.provider) as string)
      if (problem) throw new AppError('invalid-input', problem.message)
    }

    this.states.clear()
    for (const id of ids) this.states.set(id, 'queued')
    this.batches = [...groups.values()].map((group) => ({
      provider: group.operation.provider,
      batch: new Batch({
          inputs: group.paths,
          operation: group.operation,
          values: group.values,
          outDir: outputFolder,
          naming,
          apiKey: keys.get(group.operation.provider) as string,
          urls: this.o.urls,
          stateDir: this.o.stateDir,
          concurrency: concurrency[group.operation.provider] ?? providerById(group.operation.provider).limits.concurrency,
          requestsPerSecond: providerById(group.operation.provider).limits.requestsPerSecond,
          lanes: this.lanes
        })
    }))
    this.queue = { state: 'running', total: ids.length, finished: 0, counts: {} }
    this.publishQueue()
    void this.runAll()
    return { jobs: ids.length }
  }

  pause(): void {
    for (const { batch } of this.batches) batch.pause()
  }

  resume(): void {
    for (const { batch } of this.batches) batch.resume()
  }

  cancel(): void {
    for (const { batch } of this.batches) batch.cancel()
  }

  /** No request is sent that is known to fail: every provider in the batch needs a key not yet refused. */
  private async keysFor(providers: ProviderId[]): Promise<Map<ProviderId, string>> {
    const keys = new Map<ProviderId, string>()
    for (const provider of providers) {
      const key = await this.o.keys.key(provider)
      if (!key) throw new AppError('auth', `Add your ${providerById(provider).name} API key first.`)
      const refusal = this.o.keys.refusal(provider)
      if (refusal) throw new AppError('auth', `${providerById(provider).name} refused the saved key (${refusal}). Replace it first.`)
      keys.set(provider, key)
    }
    return keys
  }

  private async runAll(): Promise<void> {
    const outcomes = await Promise.all(this.batches.map((entry) => this.runOne(entry.batch, entry.provider)))
    this.batches = []
    this.coalescer.flush()
    const counts = this.queue.counts
    const done = (counts['done'] ?? 0) + (counts['reused'] ?? 0)
    const problems = outcomes.filter((o): o is string => typeof o === 'string')
    const reason = [`${done} of ${this.queue.total} photos processed.`, ...problems].join(' ')
    this.queue = { ...this.queue, state: 'idle', reason }
    this.publishQueue()
    await this.o.library.save()
    this.o.hooks?.finished?.(reason)
  }

  /** Resolves to a sentence when the batch could not run at all. */
  private async runOne(batch: Batch, provider: ProviderId): Promise<string | undefined> {
    const listener = (event: BatchEvent): void => this.onEvent(event)
    batch.on('event', listener)
    try {
      await batch.run()
      return undefined
    } catch (error) {
      const message = (error as Error).message
      if (isJobError(error) && error.kind === 'auth') this.refuseKey(provider, message)
      this.o.emit('notice', { level: 'error', message })
      return message
    } finally {
      batch.off('event', listener)
    }
  }

  private refuseKey(provider: ProviderId, message: string): void {
    this.o.keys.markRefused(provider, message)
    void this.o.keys.status(provider).then((status) => this.o.emit('keys', status))
  }

  private onEvent(event: BatchEvent): void {
    switch (event.type) {
      case 'job':
        return this.onJob(event.job)
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

  private onJob(job: JobSnapshot): void {
    const imageId = this.o.library.idForPath(job.file)
    if (!imageId) return
    const update: JobUpdate = { imageId, state: job.state, reason: job.reason, attempts: job.attempts, outputs: job.outputs?.length, warnings: job.warnings }
    this.o.library.recordJob({ ...update, outputPaths: job.outputs })
    this.states.set(imageId, job.state)
    this.coalescer.push(update)
    if (job.state === 'done' || job.state === 'reused') {
      this.o.emit('result', { imageId, outputs: job.outputs?.length ?? 0 })
      const provider = this.o.library.effective(imageId).operation.provider
      if (job.state === 'done') this.o.balances.refreshSoon(provider)
    }
  }

  private publishQueue(): void {
    const counts: Record<string, number> = {}
    let finished = 0
    for (const state of this.states.values()) {
      counts[state] = (counts[state] ?? 0) + 1
      if (FINAL_STATES.has(state)) finished++
    }
    this.queue = { ...this.queue, counts, finished }
    this.o.emit('queue', this.queue)
    this.o.hooks?.progress?.(this.queue.state === 'idle' ? null : this.queue.total ? finished / this.queue.total : 0)
  }
}
