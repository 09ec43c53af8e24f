/**
 * Every failure becomes one of these kinds, once, at the provider edge. What happens next (retry,
 * pause the provider, stop, skip the image) depends only on the kind.
 */
export type JobErrorKind =
  | 'retryable' // 429, 5xx, network, timeout: try again later
  | 'credits' // the account cannot pay: pause this provider until topped up
  | 'auth' // the key is wrong: stop this provider at once
  | 'invalid-request' // the provider refused these parameters: fix them, retrying won't help
  | 'unsupported-input' // the provider refused this image
  | 'charged-without-result' // the provider answered 200 (and charged) but no image could be had: sending again would pay again
  | 'bought-before' // paid for before, its result not at hand (pruned, or lost to a full disk or a refused answer): buying again needs asking
  | 'not-saved' // the result cannot be written where it belongs (a link in the output folder, a full disk): nothing more is bought for it
  | 'cancelled'

export class JobError extends Error {
  constructor(
    readonly kind: JobErrorKind,
    message: string,
    readonly details: {
      status?: number
      retryAfterMs?: number
      rateLimited?: boolean
      /** A 200 arrived, so the provider charged, but its body was lost on the way. */
      paid?: boolean
      /** The parameter the provider refused (its API name), when it named one. */
      param?: string
      /** This photo may be asked again after this long (a Phota profile still being prepared); the provider itself is fine. */
      askAgainAfterMs?: number
      /** Cancelled: whether the request had gone out on the wire (and may be charged) or not. */
      wired?: boolean
      /** Not saved because a disk is full: buying more would only lose more. */
      diskFull?: boolean
    } = {}
  ) {
    super(message)
    this.name = 'JobError'
  }
}

export function isJobError(error: unknown): error is JobError {
  return error instanceof JobError
}

/**
 * The longest wait a Retry-After is taken at: a day. Past it the lane pauses until the user resumes
 * anyway, and timers cannot count further than about 24.8 days (a bigger one fires at once).
 */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000

/** Reads Retry-After as seconds or an HTTP date, at most a day. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw) return undefined
  const seconds = Number(raw)
  const date = Date.parse(raw)
  const ms = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : Number.isNaN(date) ? undefined : Math.max(0, date - now)
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS)
}
