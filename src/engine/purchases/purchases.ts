import { join } from 'node:path'
import type { ProviderId } from '../providers/registry'
import { JobError, isJobError } from '../errors'
import type { ProviderResult } from '../providers/types'
import { withFileLock } from './file-lock'
import { foundInOutputs } from './found-in-outputs'
import { Journal, type JournalRecord } from './journal'
import { ResultCache, type CachedResult } from './result-cache'
import { SpendLedger } from './spend-ledger'

export type StoredResult = CachedResult & { dir: string }

export interface PurchaseOrder {
  key: string
  /** The photo, for the journal: which file a request that never came back was for. */
  file: string
  provider: ProviderId
  amount: number
  /** Stops waiting for another process's purchase of the same key. */
  signal?: AbortSignal
  /**
   * Sends the request; calls `sending` before every attempt so the journal is on disk first, and
   * `maybeCharged` when an attempt may have been charged without its result arriving.
   */
  send(sending: () => Promise<void>, maybeCharged: (reason: string) => Promise<void>): Promise<ProviderResult>
}

/**
 * The one owner of what has been paid for in a state folder: the result cache (by job key), the
 * journal of requests sent and the ledger of what was spent. Every purchase goes through `buy`, which
 * sends each key at most once at a time, across processes too (a lock per key in the state folder),
 * and keeps the result the moment it arrives.
 */
export class Purchases {
  private readonly cache: ResultCache
  private readonly journal: Journal
  readonly ledger: SpendLedger
  private readonly inFlight = new Map<string, Promise<StoredResult>>()
  private readonly locks: string

  private constructor(
    stateDir: string,
    journal: Journal,
    /** Keys sent in an earlier run whose answer never arrived: the provider may have charged them. */
    private readonly unanswered: Map<string, JournalRecord>
  ) {
    this.cache = new ResultCache(join(stateDir, 'results'))
    this.journal = journal
    this.ledger = new SpendLedger(stateDir)
    this.locks = join(stateDir, 'locks')
  }

  static async open(stateDir: string): Promise<Purchases> {
    await new ResultCache(join(stateDir, 'results')).removeAbandoned()
    const { journal, unanswered } = await Journal.open(join(stateDir, 'journal.ndjson'))
    return new Purchases(stateDir, journal, unanswered)
  }

  /** A result already paid for, in this run or an earlier one. */
  cached(key: string): Promise<StoredResult | null> {
    return this.cache.get(key)
  }

  /**
   * A purchase whose image bytes were pruned, found again in files written from it that are unchanged
   * (first where this run writes it, then where it was written before), or `lost` with where this run
   * looked when none is. Null when the key was never bought or its bytes are still kept.
   */
  async pruned(key: string, destinations: (extensions: string[]) => string[]): Promise<{ found: StoredResult } | { lost: string[] } | null> {
    const record = await this.cache.pruned(key)
    if (!record) return null
    const here = destinations(record.outputs.map((o) => o.extension))
    const paths = await foundInOutputs(record, [here, ...(record.copies ? [record.copies] : []), ...[...(record.delivered ?? [])].reverse()])
    if (!paths) return { lost: here }
    return { found: { ...record, outputs: record.outputs.map((o, i) => ({ ...o, file: paths[i] as string })), dir: '' } }
  }

  /** Remembers where a result was written (and the app's copies of it), so it can be found there once its bytes are pruned. */
  delivered(key: string, paths: string[], copies?: string[]): Promise<void> {
    return withFileLock(join(this.locks, key), () => this.cache.recordDelivery(key, paths, copies))
  }

  /** When and why this key may have been charged in an earlier run without its result arriving; null if it was not. */
  earlierUnanswered(key: string): JournalRecord | null {
    return this.unanswered.get(key) ?? null
  }

  /** Buys `order.key` unless it is already being bought, in which case the same purchase is shared. */
  buy(order: PurchaseOrder): Promise<StoredResult> {
    const pending = this.inFlight.get(order.key)
    if (pending) return pending
    const purchase = this.purchase(order).finally(() => this.inFlight.delete(order.key))
    this.inFlight.set(order.key, purchase)
    return purchase
  }

  private async purchase(order: PurchaseOrder): Promise<StoredResult> {
    const cached = await this.cache.get(order.key)
    if (cached) return cached
    // Another process on this state folder may be buying the same key: wait for it, then reuse.
    try {
      return await withFileLock(join(this.locks, order.key), async () => (await this.cache.get(order.key)) ?? this.purchaseLocked(order), order.signal)
    } catch (error) {
      if (order.signal?.aborted && !isJobError(error)) throw new JobError('cancelled', 'Cancelled')
      throw error
    }
  }

  private async purchaseLocked({ key, file, provider, amount, send }: PurchaseOrder): Promise<StoredResult> {
    let result: ProviderResult
    try {
      result = await send(
        () => this.journal.append({ key, file, event: 'sending' }),
        (reason) => this.journal.append({ key, file, event: 'outcome-unknown', detail: reason })
      )
    } catch (error) {
      // A request the provider answered, even with a refusal, is closed, and so is one cancelled before
      // it went out; only one cancelled on the wire stays open: the provider may have charged it.
      const open = isJobError(error) && error.kind === 'cancelled' && error.details.wired !== false
      if (!open) await this.journal.append({ key, file, event: 'failed', detail: (error as Error).message })
      throw error
    }
    const stored = await this.cache.put(key, result.outputs, result.metadata, result.warnings)
    await this.journal.append({ key, file, event: 'received' })
    if (amount > 0) await this.ledger.add(provider, amount)
    return stored
  }

  close(): Promise<void> {
    return this.journal.close()
  }
}
