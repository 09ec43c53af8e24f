import { setTimeout as sleep } from 'node:timers/promises'
import { backoffDelay } from './backoff'

/** How late a timer may fire and still count as on time. */
const TIMER_LATENESS_MS = 2
/** The window a provider's rate limit is most often counted over. */
const WINDOW_MS = 1_000
/** Below a limit found from a 429, so jitter in arrival does not meet it again. */
const MARGIN = 0.95
/** Requests accepted in a run's first second that say something about its limit. */
const MEANINGFUL_COUNT = 4
/** Past the moment a request leaves the provider's window, for the difference in when requests reach it. */
const WINDOW_SLACK_MS = 50
/** Past a second after a request left, for the network and the provider's own delay in counting it. */
const SENT_SLACK_MS = 15
/** A limit found from a 429 is tried 5 % higher after this long without one: plans change, estimates err low. */
const PROBE_AFTER_MS = 20_000

export interface RateGateOptions {
  /** The most requests per second this provider is allowed. */
  requestsPerSecond: number
  /** The user stated the plan's rate: a 429 is a blip to back off from, not news about the limit. */
  rateKnown?: boolean
  now?: () => number
  random?: () => number
}

/** One request's turn, kept for a second so a 429 can tell how many the provider had just accepted. */
export interface Turn {
  at: number
  /** When its request was written to a connection, once the HTTP pool has told. */
  sentAt?: number
  limited: boolean
}

/** A stated rate's requests in the provider's window (a second), when it holds at least two. */
function statedPerWindow(options: Pick<RateGateOptions, 'requestsPerSecond' | 'rateKnown'>): number | undefined {
  const perWindow = Math.floor(options.requestsPerSecond)
  return options.rateKnown && perWindow >= 2 ? perWindow : undefined
}

/**
 * Spaces requests evenly at the current rate rather than in bursts, so a provider's sliding-window
 * limit is never overrun. With the limit unknown it starts below the ceiling (the first requests of a
 * run reach the server late, on cold connections, so the first window is the tightest) and climbs with
 * each success; a stated rate starts at it. With a stated rate a request also waits until the one a
 * second's worth before it has surely left the provider's window, counted from when it really left.
 *
 * A 429 holds everyone back for Retry-After, or a jittered backoff; one that tells the limit in a run's
 * first second holds each request until the window has a place for it. With a stated rate it cuts the
 * pace by 30 % and successes win it back. With the limit unknown (a provider's published figure is
 * only a ceiling) it reads the real limit off the 429: the requests accepted in the second before it
 * are what the provider allows, so the pace settles just under that at once instead of see-sawing.
 */
export class RateGate {
  private rate: number
  private ceiling: number
  /** The highest pace worth climbing to: the ceiling, or the limit a 429 revealed. */
  private found: number
  private foundAt = 0
  /** The pace a probe started from, to go back to when it meets a 429. */
  private probedFrom: number | undefined
  private nextAt = 0
  private blockedUntil = 0
  private consecutiveLimits = 0
  private turns: Turn[] = []
  private firstTurnAt = Infinity
  /**
   * The fewest requests a second the provider took before a 429 in the run's first second: no more are
   * sent in any window until a probe tries for more or the settings change (by then the pace keeps under it).
   */
  private perWindow: number | undefined
  private discover: boolean
  /** With a stated rate, how many requests the provider's window holds: a request is paired with the one that many before it (`pairFrees`). */
  private perWindowStated: number | undefined
  private readonly now: () => number
  private readonly random: () => number

  constructor(options: RateGateOptions) {
    // A little under the ceiling: requests arrive with jitter, and one early arrival is a 429.
    this.ceiling = options.requestsPerSecond * 0.985
    this.perWindowStated = statedPerWindow(options)
    // The limit unknown, start below the ceiling: the first requests reach the server late, on cold
    // connections, so the first window is the tightest. A stated rate starts at it: its requests wait
    // for their pair to leave the window, counted from when the pair really left.
    this.rate = this.perWindowStated ? this.ceiling : this.ceiling * 0.8
    this.found = this.ceiling
    this.discover = !options.rateKnown
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
  }

  /** The user changed the stated rate or the ceiling while it runs. */
  configure(options: Pick<RateGateOptions, 'requestsPerSecond' | 'rateKnown'>): void {
    this.ceiling = options.requestsPerSecond * 0.985
    this.discover = !options.rateKnown
    this.perWindowStated = statedPerWindow(options)
    this.found = this.ceiling
    this.rate = Math.min(this.rate, this.ceiling)
    this.probedFrom = undefined
    this.perWindow = undefined
  }

  get currentRate(): number {
    return this.rate
  }

  /** The pace successes climb back to: the ceiling, or the limit the provider's 429s revealed. */
  get climbsTo(): number {
    return this.found
  }

  /** Waits for this request's turn. */
  async take(signal?: AbortSignal): Promise<Turn> {
    for (;;) {
      const now = this.now()
      const due = Math.max(this.nextAt, this.blockedUntil, this.windowFrees(now), this.pairFrees())
      if (due <= now) {
        // Count the next turn from when this one was due, so timers firing a little late do not
        // add up to a slower pace; a wake-up later than that moves the schedule, which is the safe side.
        this.nextAt = Math.max(due, now - TIMER_LATENESS_MS) + 1000 / this.rate
        return this.record(now)
      }
      await sleep(due - now, undefined, { signal })
    }
  }

  /** A request sent outside the gate (the account check) that the provider counts all the same: it takes a turn now. */
  note(): void {
    const now = this.now()
    this.nextAt = Math.max(this.nextAt, now) + 1000 / this.rate
    this.record(now)
  }

  /** A turn taken now, kept while it can still matter to the provider's window. */
  private record(now: number): Turn {
    const turn = { at: now, limited: false }
    this.firstTurnAt = Math.min(this.firstTurnAt, now)
    // Kept from when each really left: a late one still counts at the provider.
    this.turns = this.turns.filter((t) => now - (t.sentAt ?? t.at) < WINDOW_MS + WINDOW_SLACK_MS)
    this.turns.push(turn)
    return turn
  }

  /**
   * With the limit read in a run's first second, when the provider's window next has a place: the
   * requests of that first burst were closer together than the pace now, so the pace alone would
   * send the next one before the burst has left the window.
   */
  private windowFrees(now: number): number {
    if (this.perWindow === undefined) return 0
    const accepted = this.turns.filter((t) => !t.limited && now - t.at < WINDOW_MS + WINDOW_SLACK_MS)
    // Undefined with fewer than that many in the window: there is a place now.
    const oldest = accepted.at(-this.perWindow)
    return oldest ? oldest.at + WINDOW_MS + WINDOW_SLACK_MS : 0
  }

  /**
   * With a stated rate, when the request a window's worth before this one has surely left the
   * provider's window. The even pace alone counts from each turn; a request that left later than its
   * turn (on a new connection, or after a busy moment) would then meet its pair in the provider's
   * window. In a run's first second requests also take longer to be counted (new connections, a
   * provider's first requests), so those pairs get the wider margin.
   */
  private pairFrees(): number {
    if (this.perWindowStated === undefined) return 0
    const paired = this.turns.at(-this.perWindowStated)
    if (!paired) return 0
    const slack = paired.at - this.firstTurnAt < WINDOW_MS ? WINDOW_SLACK_MS : SENT_SLACK_MS
    return (paired.sentAt ?? paired.at) + WINDOW_MS + slack
  }

  /** The request of `turn` was written to a connection just now. */
  sent(turn: Turn): void {
    turn.sentAt = this.now()
  }

  /** Requests sent in the window before `turn` that the provider did not refuse (answered or still out). */
  acceptedBefore(turn: Turn): number {
    return this.turns.filter((t) => t !== turn && !t.limited && t.at <= turn.at && turn.at - t.at < WINDOW_MS).length
  }

  /**
   * The provider answered 429 to `turn`, with `out` requests (this one included) on the wire: in a
   * run's first second, a 429 while every request it accepted is still out may be its limit at once,
   * not its pace.
   */
  rateLimited(turn?: Turn, retryAfterMs?: number, out = 1): void {
    this.consecutiveLimits++
    let holdMs = retryAfterMs
    if (turn) turn.limited = true
    if (this.discover && turn && this.probedFrom !== undefined && this.rate > this.probedFrom) {
      // Trying 5 % more did not work: back to the pace that did.
      this.rate = this.found = this.probedFrom
      this.foundAt = this.now()
    } else if (this.discover && turn && turn.at - this.firstTurnAt >= WINDOW_MS) {
      const allowed = this.acceptedBefore(turn) * MARGIN
      // Never more than halved in one step: a long-window limit shows few accepted in the last second.
      this.rate = Math.max(this.ceiling / 50, this.rate * 0.5, Math.min(this.rate * 0.9, allowed))
      this.found = Math.min(this.found, Math.max(this.rate, allowed))
      this.foundAt = this.now()
    } else if (this.discover && turn && this.acceptedBefore(turn) >= MEANINGFUL_COUNT && this.acceptedBefore(turn) > out - 1) {
      // In a run's first second the requests it accepted (the account check's included: they take
      // turns too) are what it allows in a second: pace just under that at once, and climb no higher
      // until a probe, so a short run is paced from its first second without a second 429.
      const accepted = this.acceptedBefore(turn)
      const allowed = accepted * MARGIN
      this.rate = Math.max(this.ceiling / 50, Math.min(this.rate * 0.85, allowed))
      this.found = Math.min(this.found, Math.max(this.rate, allowed))
      this.foundAt = this.now()
      // No backoff's guess: the next request waits for a place in the window, which is now known.
      this.perWindow = Math.min(this.perWindow ?? Infinity, accepted)
      holdMs ??= 0
    } else if (this.discover) {
      // Too few requests to say anything (the first ones reach the server late, on cold connections).
      this.rate = Math.max(this.ceiling / 50, this.rate * 0.85)
    } else {
      this.rate = Math.max(this.ceiling / 50, this.rate * 0.7)
    }
    this.hold(holdMs ?? backoffDelay(this.consecutiveLimits, this.random))
  }

  /** Holds every request back for `ms` without changing the pace (a Retry-After about something else). */
  hold(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + ms)
  }

  succeeded(): void {
    this.consecutiveLimits = 0
    if (this.found < this.ceiling && this.now() - this.foundAt > PROBE_AFTER_MS) {
      this.probedFrom = this.found
      this.perWindow = undefined
      this.found = Math.min(this.ceiling, this.found * 1.05)
      this.foundAt = this.now()
    }
    if (this.rate < this.found) this.rate = Math.min(this.found, this.rate + this.ceiling * 0.02)
  }
}
