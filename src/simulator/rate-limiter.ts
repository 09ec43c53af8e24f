/** Sliding-window limiter per account: at most `requests` accepted in any `windowMs`. */
export class RateLimiter {
  private readonly accepted = new Map<string, number[]>()

  constructor(
    private readonly limit: () => { requests: number; windowMs: number } | null,
    private readonly now: () => number = Date.now
  ) {}

  /** Accepts the request, or returns the milliseconds until a slot frees up. */
  take(account: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const limit = this.limit()
    if (!limit) return { ok: true }
    const now = this.now()
    const recent = (this.accepted.get(account) ?? []).filter((t) => now - t < limit.windowMs)
    if (recent.length >= limit.requests) {
      this.accepted.set(account, recent)
      return { ok: false, retryAfterMs: (recent[0] as number) + limit.windowMs - now }
    }
    recent.push(now)
    this.accepted.set(account, recent)
    return { ok: true }
  }
}
