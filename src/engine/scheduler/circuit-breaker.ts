/** Consecutive failures (no answer, or 5xx) that open the breaker, when they come from at least two photos. */
const OPEN_AFTER = 4
const FIRST_PROBE_MS = 1_000
const MAX_PROBE_MS = 30_000

/**
 * Tells a provider that has gone away from one photo it cannot handle: several failures in a row
 * across different photos open it; while open, one probe request goes through at growing intervals,
 * and its success closes it again.
 */
export class CircuitBreaker {
  private streak = 0
  private readonly photos = new Set<string>()
  private probeDelay = FIRST_PROBE_MS
  private opened = false

  get isOpen(): boolean {
    return this.opened
  }

  /** How long to wait before the next probe; doubles with each failed one. */
  get nextProbeInMs(): number {
    return this.probeDelay
  }

  /** Returns true when this failure opened the breaker (or a failed probe keeps it open). */
  failed(photo: string): boolean {
    if (this.opened) {
      this.probeDelay = Math.min(MAX_PROBE_MS, this.probeDelay * 2)
      return true
    }
    this.streak++
    this.photos.add(photo)
    if (this.streak >= OPEN_AFTER && this.photos.size >= 2) this.opened = true
    return this.opened
  }

  succeeded(): void {
    this.streak = 0
    this.photos.clear()
    this.probeDelay = FIRST_PROBE_MS
    this.opened = false
  }
}
