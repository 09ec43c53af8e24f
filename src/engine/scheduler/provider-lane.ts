import PQueue from 'p-queue'
import type { ProviderId } from '../providers/registry'
import { JobError } from '../errors'
import { RateGate } from './rate-gate'

export type LaneState =
  | { status: 'running' }
  | { status: 'paused'; reason: 'user' | 'credits'; message: string }
  | { status: 'stopped'; reason: 'auth'; message: string }

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
  run<T>(task: (signal: AbortSignal) => Promise<T>, options: { priority: number; signal: AbortSignal; beforeTurn?: () => Promise<void> }): Promise<T> {
    return this.queue.add(
      async () => {
        await this.whenRunning(options.signal)
        await options.beforeTurn?.()
        await this.gate.take(options.signal)
        // Paused or stopped while waiting for our turn.
        await this.whenRunning(options.signal)
        try {
          return await task(options.signal)
        } catch (error) {
          // Before the slot is released: the next request must already see the lane stopped or paused.
          if (error instanceof JobError && error.kind === 'auth') this.stop(error.message)
          if (error instanceof JobError && error.kind === 'credits') this.pause('credits', error.message)
          throw error
        }
      },
      { priority: options.priority, signal: options.signal }
    )
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
