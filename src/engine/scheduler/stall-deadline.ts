import type { AnswerDeadline } from '../providers/http'

/** Never give up on an answer sooner than this, however fast the provider usually is. */
const FLOOR_MS = 5_000
/** Wait this many times the usual (95th percentile) answer time. */
const MULTIPLE = 4
/** Answer times kept: enough for a stable 95th percentile, recent enough to follow a slower afternoon. */
const KEPT = 50
/** Until this many answers were seen, only the operation's maximum applies. */
const MIN_SEEN = 5

/**
 * How long to wait for an operation's answer before calling it lost: a multiple of how long its
 * answers have recently taken, within [floor, the operation's maximum]. A request that never gets an
 * answer then costs seconds, not the minute a slow AI feature may need.
 */
export class StallDeadline implements AnswerDeadline {
  private readonly seen: number[] = []
  /** The 95th percentile of `seen`, worked out once per answer: every request's deadline asks for it. */
  private usual: number | undefined

  constructor(private readonly maxMs: number) {}

  observe(ms: number): void {
    this.seen.push(ms)
    if (this.seen.length > KEPT) this.seen.shift()
    this.usual = undefined
  }

  /** The usual answer time (95th percentile), once enough answers were seen. */
  get usualMs(): number | undefined {
    if (this.seen.length < MIN_SEEN) return undefined
    if (this.usual === undefined) {
      const sorted = [...this.seen].sort((a, b) => a - b)
      this.usual = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]
    }
    return this.usual
  }

  get limitMs(): number {
    const usual = this.usualMs
    if (usual === undefined) return this.maxMs
    return Math.min(this.maxMs, Math.max(FLOOR_MS, usual * MULTIPLE))
  }
}
