import type { ProviderId } from '../providers/registry'

/** A request for a purchase sent by a worker that has since gone, with no answer recorded: when it went. */
export interface AbandonedRequest {
  worker: string
  at: number
}

/** Where a result's bytes are and how to know them: what a shared purchase index keeps. */
export interface ResultRecord {
  dir: string
  outputs: { file: string; bytes: number; sha256?: string }[]
}

/**
 * What a work store shared by several workers on several machines (the team queue) adds, so the
 * workers behave as one: one pace per provider, one budget cap, and what each purchase went through.
 * The memory and SQLite stores, with one worker each, have none of it.
 */
export interface SharedQueue {
  /** Items may be leased again (another seat enqueued, a rate limit ran out): a worker takes them up. Returns the unsubscribe. */
  onLeasable(listener: () => void): () => void
  /** The provider refused a request with a 429: every worker's pace drops, and everyone holds back `retryAfterMs` or a backoff. */
  rateLimited(provider: ProviderId, retryAfterMs: number | undefined): Promise<void>
  /** A request went through: the shared pace may climb back, as one lane's does. */
  succeeded(provider: ProviderId): Promise<void>
  /** Before a request goes out: reserves `amount` under the queue's budget cap; false when it would go over. */
  reserve(key: string, provider: ProviderId, amount: number): Promise<boolean>
  /** After: the reservation is spent (charged, or maybe charged) or given back (`spent` 0). */
  settle(key: string, provider: ProviderId, spent: number): Promise<void>
  /** A request for `key` goes on the wire from `worker`. */
  sending(key: string, worker: string): Promise<void>
  /** Its answer arrived (with the result kept, or a refusal): nothing is left open. */
  answered(key: string, worker: string, result?: ResultRecord): Promise<void>
  /**
   * The request for `key` a vanished worker sent and never heard back from, if there was one; its
   * reservation is counted as spent, since the provider may have charged it.
   */
  abandoned(key: string, worker: string, provider: ProviderId): Promise<AbandonedRequest | null>
}
