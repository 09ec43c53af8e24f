import { setTimeout as sleep } from 'node:timers/promises'
import { backoffDelay } from './backoff'

/** How late a timer may fire and still count as on time. */
const TIMER_LATENESS_MS = 2

export interface RateGateOptions {
  /** The most requests per second this provider is allowed. */
  requestsPerSecond: number
  now?: () => number
  random?: () => number
}

/**
 * Spaces requests evenly at the current rate rather than in bursts, so a provider's sliding-window
 * limit is never overrun. It starts below the ceiling (the first requests of a run reach the server
 * late, on cold connections, so the first window is the tightest) and climbs with each success. A 429
 * cuts the pace by 30% and holds everyone back for Retry-After (or a jittered backoff); successes win
 * the pace back gradually, so a batch settles just under whatever limit the provider really enforces.
 */
export class RateGate {
  private rate: number
  private readonly ceiling: number
  private nextAt = 0
  private blockedUntil = 0
  private consecutiveLimits = 0
  private readonly now: () => number
  private readonly random: () => number

  constructor(options: RateGateOptions) {
    // A little under the ceiling: requests arrive with jitter, and one early arrival is a 429.
    this.ceiling = options.requestsPerSecond * 0.985
    this.rate = this.ceiling * 0.8
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
  }

  get currentRate(): number {
    return this.rate
  }

  /** Waits for this request's turn. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now()
      const due = Math.max(this.nextAt, this.blockedUntil)
      if (due <= now) {
        // Count the next turn from when this one was due, so timers firing a little late do not
        // add up to a slower pace; a wake-up later than that moves the schedule, which is the safe side.
        this.nextAt = Math.max(due, now - TIMER_LATENESS_MS) + 1000 / this.rate
        return
      }
      await sleep(due - now, undefined, { signal })
    }
  }

  /** The provider answered 429. */
  rateLimited(retryAfterMs?: number): void {
    this.consecutiveLimits++
    this.rate = Math.max(this.ceiling / 50, this.rate * 0.7)
    const pause = retryAfterMs ?? backoffDelay(this.consecutiveLimits, this.random)
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + pause)
  }

  succeeded(): void {
    this.consecutiveLimits = 0
    if (this.rate < this.ceiling) this.rate = Math.min(this.ceiling, this.rate + this.ceiling * 0.02)
  }
}
