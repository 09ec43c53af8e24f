import PQueue from 'p-queue'
import type { ProviderId } from '../providers/registry'
import { JobError } from '../errors'
import { providerById } from '../providers/registry'
import { CircuitBreaker } from './circuit-breaker'
import { RateGate } from './rate-gate'

export type LaneState =
  | { status: 'running' }
  /** `unreachable`: the circuit breaker is open; `asked-to-wait`: a Retry-After beyond what we wait in silence. */
  | { status: 'paused'; reason: 'user' | 'credits' | 'unreachable' | 'asked-to-wait'; message: string }
  | { status: 'stopped'; reason: 'auth'; message: string }

/** Past this, a Retry-After pauses the lane with a message instead of holding requests back in silence. */
export const RETRY_AFTER_CAP_MS = 5 * 60_000

/** No answer at all, or a server error: what a provider that has gone away looks like. */
function isOutage(error: unknown): boolean {
  if (!(error instanceof JobError) || error.kind !== 'retryable' || error.details.rateLimited) return false
  return error.details.status === undefined || error.details.status >= 500
}

export interface LaneOptions {
  concurrency: number
  requestsPerSecond: number
  /** Headless runs cannot be resumed: while paused for credits, refuse instead of waiting. */
  refuseWhilePausedForCredits?: boolean
}

/**
 * One provider's line of work: how many requests at once (p-queue), how fast (RateGate), and whether
 * it may send at all (paused when credits run out or the user says so, stopped when the key is bad).
 */
export class ProviderLane {
  readonly gate: RateGate
  private readonly queue: PQueue
  private readonly breaker = new CircuitBreaker()
  /** Requests handed to the lane and not finished: the photos waiting on it. */
  private waiting = 0
  /** The breaker lets one probe through; the next request to arrive is it when no one was waiting. */
  private probeDue = false
  private probing = false
  private probeTimer: NodeJS.Timeout | undefined
  private waitTimer: NodeJS.Timeout | undefined
  private current: LaneState = { status: 'running' }
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = []

  private readonly listeners = new Set<(provider: ProviderId, state: LaneState) => void>()

  constructor(
    readonly provider: ProviderId,
    private readonly options: LaneOptions
  ) {
    this.queue = new PQueue({ concurrency: options.concurrency })
    this.gate = new RateGate({ requestsPerSecond: options.requestsPerSecond })
  }

  get state(): LaneState {
    return this.current
  }

  set concurrency(value: number) {
    this.queue.concurrency = value
  }

  /**
   * Runs `task` when a slot and the rate allow; higher priority jumps the line. `beforeTurn` (say, a
   * journal write) runs before the rate turn is taken, so its latency never delays a paced request.
   */
  run<T>(
    task: (signal: AbortSignal) => Promise<T>,
    options: { priority: number; signal: AbortSignal; beforeTurn?: () => Promise<void>; photo?: string }
  ): Promise<T> {
    this.waiting++
    return this.queue
      .add(
        async () => {
          const probe = await this.admit(options.signal)
          await options.beforeTurn?.()
          await this.gate.take(options.signal)
          // Paused or stopped while waiting for our turn (a probe is the one request let through a pause).
          if (!probe) await this.whenRunning(options.signal)
          // Cancelled while waiting for the turn (the gate returns at once when the turn is due).
          if (options.signal.aborted) throw new JobError('cancelled', 'Cancelled')
          try {
            const result = await task(options.signal)
            this.reached()
            return result
          } catch (error) {
            // Before the slot is released: the next request must already see the lane stopped or paused.
            if (error instanceof JobError && error.kind === 'auth') this.stop(error.message)
            if (error instanceof JobError && error.kind === 'credits') this.pause('credits', error.message)
            if (isOutage(error)) this.unreachable(options.photo ?? 'photo')
            else if (error instanceof JobError && (error.details.retryAfterMs ?? 0) > RETRY_AFTER_CAP_MS) this.askedToWait(error.details.retryAfterMs as number)
            else if (error instanceof JobError && error.details.status !== undefined) this.reached()
            throw error
          }
        },
        { priority: options.priority, signal: options.signal }
      )
      .finally(() => this.waiting--)
  }

  /** Waits until the lane may send; true when this request goes through as the breaker's probe. */
  private async admit(signal: AbortSignal): Promise<boolean> {
    if (this.probeDue && this.current.status === 'paused' && this.current.reason === 'unreachable') {
      this.probeDue = false
      return true
    }
    await this.whenRunning(signal)
    return this.probing
  }

  /** The provider answered: a probe's success runs the lane again. */
  private reached(): void {
    const wasOpen = this.breaker.isOpen
    this.breaker.succeeded()
    this.probing = false
    if (wasOpen && this.current.status === 'paused' && this.current.reason === 'unreachable') this.resume()
  }

  private unreachable(photo: string): void {
    this.probing = false
    if (!this.breaker.failed(photo)) return
    const { name } = providerById(this.provider)
    this.setState({ status: 'paused', reason: 'unreachable', message: `${name} cannot be reached — ${this.photosWaiting}` })
    clearTimeout(this.probeTimer)
    this.probeTimer = setTimeout(() => {
      if (this.current.status !== 'paused' || this.current.reason !== 'unreachable') return
      const waiter = this.waiters.shift()
      if (!waiter) return void (this.probeDue = true)
      this.probing = true
      waiter.resolve()
    }, this.breaker.nextProbeInMs)
    this.probeTimer.unref()
  }

  private get photosWaiting(): string {
    return `${this.waiting} ${this.waiting === 1 ? 'photo' : 'photos'} waiting`
  }

  /** The provider asked for a longer wait than we hold requests back in silence: pause, and resume when it is over. */
  private askedToWait(ms: number): void {
    const { name } = providerById(this.provider)
    const until = new Date(Date.now() + ms)
    const minutes = Math.round(ms / 60_000)
    const message = `${name} asked us to wait ${minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`} (until ${until.toLocaleTimeString()}) — ${this.photosWaiting}; resume to try sooner`
    this.setState({ status: 'paused', reason: 'asked-to-wait', message })
    clearTimeout(this.waitTimer)
    this.waitTimer = setTimeout(() => {
      if (this.current.status === 'paused' && this.current.reason === 'asked-to-wait') this.resume()
    }, ms)
    this.waitTimer.unref()
  }

  /** Resolves while the lane is running; waits while paused; rejects once stopped. */
  whenRunning(signal?: AbortSignal): Promise<void> {
    if (this.current.status === 'running') return Promise.resolve()
    if (this.current.status === 'stopped') return Promise.reject(new JobError('auth', this.current.message))
    if (this.current.reason === 'credits' && this.options.refuseWhilePausedForCredits) {
      return Promise.reject(new JobError('credits', this.current.message))
    }
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject }
      this.waiters.push(waiter)
      signal?.addEventListener(
        'abort',
        () => {
          this.waiters = this.waiters.filter((w) => w !== waiter)
          reject(new JobError('cancelled', 'Cancelled'))
        },
        { once: true }
      )
    })
  }

  pause(reason: 'user' | 'credits', message: string): void {
    if (this.current.status === 'stopped') return
    if (this.current.status === 'paused' && this.current.reason === reason) return
    this.setState({ status: 'paused', reason, message })
  }

  resume(): void {
    if (this.current.status !== 'paused') return
    this.setState({ status: 'running' })
    for (const waiter of this.waiters.splice(0)) waiter.resolve()
  }

  stop(message: string): void {
    if (this.current.status === 'stopped') return
    this.setState({ status: 'stopped', reason: 'auth', message })
    for (const waiter of this.waiters.splice(0)) waiter.reject(new JobError('auth', message))
  }

  /** Follows state changes; returns the unsubscribe. */
  onChange(listener: (provider: ProviderId, state: LaneState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private setState(state: LaneState): void {
    this.current = state
    for (const listener of this.listeners) listener(this.provider, state)
  }
}
