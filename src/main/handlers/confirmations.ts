import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../app/app-error'

/** How long a confirmation stays good: a dialog left open over lunch asks again. */
const FRESH_MS = 10 * 60_000
/** Tokens kept at once; the oldest go first (each confirm dialog asks for one). */
const KEEP = 32

/** What a confirmation is about, as a short fixed-size key however many photos it names. */
export function subjectOf(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

/**
 * Tokens that only main's confirmation answers hand out: each is for one subject (these photos in
 * this mode, this cap), carries what was confirmed (the cost), is used once, and goes stale.
 */
export class Confirmations<T> {
  private readonly issued = new Map<string, { subject: string; terms: T; at: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  issue(subject: string, terms: T): string {
    const token = randomBytes(18).toString('base64url')
    this.issued.set(token, { subject, terms, at: this.now() })
    for (const old of this.issued.keys()) {
      if (this.issued.size <= KEEP) break
      this.issued.delete(old)
    }
    return token
  }

  /** What was confirmed, or a refusal in `refusal`'s words; a token presented is spent either way. */
  redeem(token: string | undefined, subject: string, refusal: string): T {
    const found = token === undefined ? undefined : this.issued.get(token)
    if (token !== undefined) this.issued.delete(token)
    if (!found || found.subject !== subject || this.now() - found.at > FRESH_MS) throw new AppError('invalid-input', refusal)
    return found.terms
  }
}
