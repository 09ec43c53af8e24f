/** Successes in a row before one more request at once is tried again. */
const GROW_AFTER = 50

/**
 * How many requests a provider takes at once, found from its 429s: the user's setting is the most we
 * send, and a 429 that met a full house (several in flight, few sent lately) lowers it to what the
 * provider was holding. A long run of successes tries one more, in case the refusal was a blip.
 */
export class ConcurrencyLimit {
  private value: number
  private streak = 0

  constructor(private most: number) {
    this.value = most
  }

  get current(): number {
    return this.value
  }

  /** The user's setting changed. */
  set max(most: number) {
    const untouched = this.value >= this.most
    this.most = most
    this.value = untouched ? most : Math.min(this.value, most)
  }

  /** A 429 arrived while `inFlight` requests (this one included) were out; true when it lowered the limit. */
  refusedAt(inFlight: number): boolean {
    this.streak = 0
    const held = Math.max(1, inFlight - 1)
    if (held >= this.value) return false
    this.value = held
    return true
  }

  succeeded(): void {
    if (this.value >= this.most || ++this.streak < GROW_AFTER) return
    this.streak = 0
    this.value++
  }
}
