import PQueue from 'p-queue'
import type { ProviderId } from '../providers/registry'
import { JobError } from '../errors'
import { providerById } from '../providers/registry'
import { CircuitBreaker } from './circuit-breaker'
import { ConcurrencyLimit } from './concurrency-limit'
import { RateGate, type Turn } from './rate-gate'
import { StallDeadline } from './stall-deadline'

export type LaneState =
  | { status: 'running' }
  /**
   * `unreachable`: the circuit breaker is open; `asked-to-wait`: a Retry-After beyond what we wait in
   * silence; `not-saved`: a paid answer could be saved nowhere (a full disk): nothing more is bought.
   */
  | { status: 'paused'; reason: 'user' | 'credits' | 'unreachable' | 'asked-to-wait' | 'not-saved'; message: string }
  | { status: 'stopped'; reason: 'auth'; message: string }

/** Past this, a Retry-After pauses the lane with a message instead of holding requests back in silence. */
export const RETRY_AFTER_CAP_MS = 5 * 60_000

/** No answer at all, or a server error: what a provider that has gone away looks like. */
function isOutage(error: unknown): boolean {
  if (!(error instanceof JobError) || error.kind !== 'retryable' || error.details.rateLimited) return false
  return error.details.status === undefined || error.details.status >= 500
}

export interface LaneOptions {
  /** The most requests at once; fewer when the provider turns out to take fewer. */
  concurrency: number
  requestsPerSecond: number
  /** The user stated the plan's rate; otherwise `requestsPerSecond` is a ceiling and the real rate is found. */
  rateKnown?: boolean
  /** Headless runs cannot be resumed: while paused for credits, refuse instead of waiting. */
  refuseWhilePausedForCredits?: boolean
}

/**
 * One provider's line of work: how many requests at once (p-queue, within the limit its 429s reveal),
 * how fast (RateGate), how long to wait for an answer (learnt per operation), and whether it may send
 * at all (paused when credits run out or the user says so, stopped when the key is bad).
 */
export class ProviderLane {
  readonly gate: RateGate
  private readonly queue: PQueue
  private readonly breaker = new CircuitBreaker()
  private readonly limit: ConcurrencyLimit
  private readonly deadlines = new Map<string, StallDeadline>()
  /** Requests out on the wire now. */
  private inFlight = 0
  /** How long a request usually takes, smoothed: with the pace, how many should be out at once. */
  private latencyMs = 0
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
    private options: LaneOptions
  ) {
    this.limit = new ConcurrencyLimit(options.concurrency)
    this.queue = new PQueue({ concurrency: options.concurrency })
    this.gate = new RateGate({ requestsPerSecond: options.requestsPerSecond, rateKnown: options.rateKnown })
  }

  get state(): LaneState {
    return this.current
  }

  /** Settings changed while it runs: the next request already goes by them. */
  configure(options: LaneOptions): void {
    const before = this.options
    this.options = options
    if (options.concurrency !== before.concurrency) {
      this.limit.max = options.concurrency
      this.queue.concurrency = this.limit.current
    }
    if (options.requestsPerSecond !== before.requestsPerSecond || options.rateKnown !== before.rateKnown) this.gate.configure(options)
  }

  /** A lane stopped by a refused key runs again for a new one. */
  restart(): void {
    if (this.current.status === 'stopped') this.setState({ status: 'running' })
  }

  /** How long to wait for an answer from one kind of request (an operation at its maximum wait). */
  answerDeadline(kind: string, maxMs: number): StallDeadline {
    const key = `${kind} ${maxMs}`
    let deadline = this.deadlines.get(key)
    if (!deadline) this.deadlines.set(key, (deadline = new StallDeadline(maxMs)))
    return deadline
  }

  /**
   * Runs `task` when a slot and the rate allow; higher priority jumps the line. `beforeTurn` (say, a
   * journal write) runs before the rate turn is taken, so its latency never delays a paced request;
   * `after` (keeping a paid answer) runs with the result before the slot is given up, so when it
   * fails for want of room the lane pauses before another request goes out in its place.
   */
  run<T>(
    task: (signal: AbortSignal, sent: () => void) => Promise<T>,
    options: { priority: number; signal: AbortSignal; beforeTurn?: () => Promise<void>; after?: (result: T) => Promise<void>; photo?: string }
  ): Promise<T> {
    this.waiting++
    return this.queue
      .add(
        async () => {
          const probe = await this.admit(options.signal)
          await options.beforeTurn?.()
          const turn = await this.gate.take(options.signal)
          // Paused or stopped while waiting for our turn (a probe is the one request let through a pause).
          if (!probe) await this.whenRunning(options.signal)
          // Cancelled while waiting for the turn (the gate returns at once when the turn is due).
          if (options.signal.aborted) throw new JobError('cancelled', 'Cancelled')
          const out = ++this.inFlight
          const sentAt = performance.now()
          try {
            const result = await task(options.signal, () => this.gate.sent(turn))
            this.reached()
            this.paced(performance.now() - sentAt)
            await options.after?.(result)
            return result
          } catch (error) {
            // Before the slot is released: the next request must already see the lane stopped or paused.
            if (error instanceof JobError && error.kind === 'auth') this.stop(error.message)
            if (error instanceof JobError && error.kind === 'credits') this.pause('credits', error.message)
            if (error instanceof JobError && error.kind === 'not-saved') this.pause('not-saved', error.message)
            if (isOutage(error)) this.unreachable(options.photo ?? 'photo')
            else if (error instanceof JobError && (error.details.retryAfterMs ?? 0) > RETRY_AFTER_CAP_MS) this.askedToWait(error.details.retryAfterMs as number)
            else if (error instanceof JobError && error.details.status !== undefined) this.reached()
            if (error instanceof JobError && error.details.rateLimited) this.refused(turn, out, error.details.retryAfterMs)
            throw error
          } finally {
            this.inFlight--
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

  /** A request went through: the pace and the number at once may climb back. */
  private paced(tookMs: number): void {
    this.latencyMs = this.latencyMs === 0 ? tookMs : this.latencyMs * 0.9 + tookMs * 0.1
    this.gate.succeeded()
    this.limit.succeeded()
    this.queue.concurrency = this.limit.current
  }

  /**
   * A 429 to the request sent at `turn` with `out` requests on the wire. When far more were out than
   * the pace explains (slow answers piled up), the provider is counting requests at once; otherwise
   * the pace was too fast. A steady limit at once also shows as a pace (at once ÷ answer time).
   */
  private refused(turn: Turn, out: number, retryAfterMs: number | undefined): void {
    const wait = retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, RETRY_AFTER_CAP_MS)
    const explained = (this.gate.currentRate * this.latencyMs) / 1000
    const atOnce = this.latencyMs > 0 && out >= 3 && out > 2 * explained + 1
    if (atOnce && this.limit.refusedAt(out)) {
      this.queue.concurrency = this.limit.current
      if (wait !== undefined) this.gate.hold(wait)
      return
    }
    this.gate.rateLimited(turn, wait, out)
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

  pause(reason: 'user' | 'credits' | 'not-saved', message: string): void {
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
