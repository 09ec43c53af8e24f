import { setTimeout as sleep } from 'node:timers/promises'
import { JobError, isJobError } from '../errors'
import type { ProviderClient, ProviderRequest, ProviderResult } from '../providers/types'
import { backoffDelay } from '../scheduler/backoff'
import type { ProviderLane } from '../scheduler/provider-lane'

/** Failures other than 429 before giving up: six tries in all, as Pixelcut advises. */
const MAX_FAILURES = 5
/** 429s only slow the lane down; this many in a row for one image means something is wrong. */
const MAX_RATE_LIMITS = 40

export interface AttemptHooks {
  priority: number
  /** Which photo this is, so the lane's breaker can tell one bad photo from a provider gone away. */
  photo: string
  /** Credits ran out (the lane has paused itself): wait for a resume, or give up at once in a headless run. */
  onCredits(error: JobError): 'wait' | 'give-up'
  onAuth(error: JobError): void
  onRetry(reason: string, attempt: number): void
  onWaiting(reason: string): void
  onSending(attempt: number): Promise<void>
  /** The request went out on the wire (true: from here on it may be charged) or its attempt is over (false). */
  onWire?(on: boolean): void
  /** Asked before each new attempt: false when the run is stopping, so nothing more is sent. */
  mayRetry?(): boolean
  /**
   * The request may have been charged without its result arriving: no answer at all (`unknown`), or a
   * 200 whose body was lost (`paid`). Resolves once that is on the journal.
   */
  onMaybeCharged(how: 'unknown' | 'paid', reason: string): Promise<void>
  /** A 429: retry through the lane, or give up so a shared queue puts the photo back in line for whichever worker's turn comes next. */
  onRateLimited?(error: JobError): Promise<'retry' | 'give-up'>
  /** Keeps a paid answer while its request still holds the lane's turn: a result that cannot be saved stops the next request from going in its place. */
  keep?(result: ProviderResult): Promise<void>
}

/** A 200 whose body was lost is sent once more, no more: each try is a purchase. */
const MAX_PAID_LOSSES = 1

/** Sends one request through its provider's lane until it succeeds or fails for good. */
export async function sendWithRetries(
  lane: ProviderLane,
  client: ProviderClient,
  request: Omit<ProviderRequest, 'signal'>,
  signal: AbortSignal,
  hooks: AttemptHooks
): Promise<ProviderResult> {
  let failures = 0
  let rateLimits = 0
  let paidLosses = 0
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && hooks.mayRetry?.() === false) throw new JobError('cancelled', 'Cancelled', { wired: false })
    let wired = false
    const task = (laneSignal: AbortSignal, sent: () => void): Promise<ProviderResult> => {
      wired = true
      hooks.onWire?.(true)
      return client.run({ ...request, signal: laneSignal, onSent: sent }).finally(() => hooks.onWire?.(false))
    }
    try {
      const result = await lane.run(task, {
        priority: hooks.priority,
        signal,
        beforeTurn: () => hooks.onSending(attempt),
        ...(hooks.keep ? { after: hooks.keep } : {}),
        photo: hooks.photo
      })
      return result
    } catch (error) {
      // Answered and paid, then not saved: said as it is, whatever else happened meanwhile.
      if (isJobError(error) && error.kind === 'not-saved') throw error
      if (signal.aborted) throw new JobError('cancelled', 'Cancelled', { wired })
      if (!isJobError(error)) throw error
      switch (error.kind) {
        case 'retryable':
          // The lane has slowed itself down (or paused, for a long Retry-After).
          if (error.details.rateLimited) {
            if ((await hooks.onRateLimited?.(error)) === 'give-up') throw error
            if (++rateLimits > MAX_RATE_LIMITS) throw new JobError('retryable', `${error.message}, again and again; try again later`)
          } else {
            if (error.details.paid) {
              await hooks.onMaybeCharged('paid', error.message)
              if (++paidLosses > MAX_PAID_LOSSES) throw new JobError('charged-without-result', `${error.message}, twice; it was charged for twice and is not sent again`)
            } else if (error.details.status === undefined) {
              await hooks.onMaybeCharged('unknown', error.message)
            }
            if (++failures > MAX_FAILURES) throw new JobError('retryable', `${error.message}; gave up after ${failures} tries`)
            hooks.onRetry(error.message, attempt)
            // A provider that says when to ask again about this photo (a Phota profile still being prepared) is asked then.
            await sleep(error.details.askAgainAfterMs ?? backoffDelay(failures), undefined, { signal })
            continue
          }
          hooks.onRetry(error.message, attempt)
          continue
        case 'credits':
          if (hooks.onCredits(error) === 'give-up') throw error
          hooks.onWaiting(error.message)
          continue
        case 'auth':
          hooks.onAuth(error)
          throw error
        default:
          throw error
      }
    }
  }
}
