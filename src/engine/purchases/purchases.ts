import { join } from 'node:path'
import { providerById, type ProviderId } from '../providers/registry'
import { JobError, isJobError } from '../errors'
import type { ProviderOutput, ProviderResult } from '../providers/types'
import { boughtBefore } from './bought-before'
import { removeIdleOwners, withKeyLock } from './key-lock'
import { foundInOutputs } from './found-in-outputs'
import { Journal, type JournalRecord } from './journal'
import { paidRecords, type PaidOutput } from './journal-records'
import { notSaved, savedOutputs } from './not-saved'
import { ResultCache, type CachedResult } from './result-cache'
import { SpendLedger } from './spend-ledger'

export type StoredResult = CachedResult & {
  dir: string
  /** Where this purchase's answer was written as it arrived (one path per output): no need to write it there again. */
  written?: string[]
  /** Why Proofsheet's own copy could not be kept (a full state folder): the result is only where it was written. */
  uncached?: string
}

/** What an earlier purchase whose result is not in the cache left: found again in files written from it, or lost (and why). */
export type EarlierPurchase = { found: StoredResult } | { lost: string[]; why: string }

export interface PurchaseOrder {
  key: string
  /** The photo, for the journal: which file a request that never came back was for. */
  file: string
  provider: ProviderId
  /** What it costs: added to the spend ledger for a provider whose balance is counted here. */
  amount: number
  /** Stops waiting for another process's purchase of the same key. */
  signal?: AbortSignal
  /** Where this photo's outputs go (by extension): where a purchase of the key made meanwhile may be found. */
  destinations?: (extensions: string[]) => string[]
  /** The owner asked to buy it again: an earlier purchase is not looked for. */
  buyAgain?: boolean
  /**
   * Writes a paid answer where it belongs, before anything else is done with it (the journal, the
   * cache): resolves to where each output landed.
   */
  write(outputs: ProviderOutput[]): Promise<string[]>
  /**
   * Sends the request; calls `sending` before every attempt so the journal is on disk first,
   * `maybeCharged` when an attempt may have been charged without its result arriving, and `keep` with
   * the answer while it still holds its turn with the provider: if it cannot be saved, no other
   * request is sent in its place meanwhile.
   */
  send(sending: () => Promise<void>, maybeCharged: (reason: string) => Promise<void>, keep: (result: ProviderResult) => Promise<void>): Promise<ProviderResult>
}

/** Where a paid answer's images are to go, one path per image ('' where none was planned, or the plan cannot be made). */
function plannedPaths(described: { extension: string }[], destinations: PurchaseOrder['destinations']): string[] {
  try {
    return destinations?.(described.map((o) => o.extension)) ?? described.map(() => '')
  } catch {
    return described.map(() => '')
  }
}

/**
 * The one owner of what has been paid for in a state folder: the result cache (by job key), the
 * journal of requests sent and the ledger of what was spent. Every purchase goes through `buy`, which
 * sends each key at most once at a time, across processes too (a lock per key in the state folder),
 * and keeps the result the moment it arrives: noted on the journal (a line with its hashes and where it
 * is to go), written there (noted again if it landed elsewhere or nowhere), then cached (the large
 * part), so neither a crash nor a full disk leaves a paid answer unknown.
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
    private readonly unanswered: Map<string, JournalRecord>,
    /** The journal's last word on each key paid for: where it was written, or that it was lost. */
    private readonly paid: Map<string, JournalRecord>
  ) {
    this.cache = new ResultCache(join(stateDir, 'results'))
    this.journal = journal
    this.ledger = new SpendLedger(stateDir)
    this.locks = join(stateDir, 'locks')
  }

  static async open(stateDir: string): Promise<Purchases> {
    const cache = new ResultCache(join(stateDir, 'results'))
    await cache.removeAbandoned()
    await removeIdleOwners(join(stateDir, 'locks'))
    // A paid record stays on the journal while it is the only trace of its result: no cache entry records it.
    const stillNeeded = async (record: JournalRecord): Promise<boolean> => record.event === 'lost' || !(await cache.recordsPurchase(record.key))
    const { journal, unanswered, paid } = await Journal.open(join(stateDir, 'journal.ndjson'), undefined, stillNeeded)
    return new Purchases(stateDir, journal, unanswered, paid)
  }

  /**
   * A result already paid for, in this run or an earlier one. A purchase of the same key going on in
   * this process (the same photo twice in a run) is waited for: its answer is noted before it is cached.
   */
  async cached(key: string): Promise<StoredResult | null> {
    await this.settled(key)
    return this.cache.get(key)
  }

  /** Resolves once no purchase of `key` is going on in this process, however it ended. */
  private async settled(key: string): Promise<void> {
    for (let pending = this.inFlight.get(key); pending; pending = this.inFlight.get(key)) await pending.catch(() => undefined)
  }

  /**
   * What this state folder has of `key` before buying it, from one look at its cache entry: the stored
   * result; else a purchase whose result is not in the cache (its bytes pruned, or never stored: a full
   * disk, an answer refused at the provider edge), found again in files written from it that are
   * unchanged (first where this run writes it, then where it was written before), or `lost` with where
   * this run looked and why. A purchase of the key going on in this process is waited for first; one
   * started meanwhile gives null (buy shares it). Null also when the key was never bought.
   */
  async known(key: string, destinations: (extensions: string[]) => string[]): Promise<{ stored: StoredResult } | EarlierPurchase | null> {
    await this.settled(key)
    const { stored, pruned } = await this.cache.look(key)
    if (stored) return { stored }
    if (this.inFlight.has(key)) return null
    return this.lookEarlier(key, destinations, pruned)
  }

  private async lookEarlier(key: string, destinations: (extensions: string[]) => string[], pruned: CachedResult | null): Promise<EarlierPurchase | null> {
    const paid = this.paid.get(key)
    const record = pruned ?? savedOutputs(paid)
    if (!record) {
      if (!paid) return null
      return { lost: [], why: paid.event === 'lost' ? `no result was kept: ${paid.detail ?? 'the answer was refused'}` : 'its answer could not be saved anywhere' }
    }
    const here = destinations(record.outputs.map((o) => o.extension))
    const paths = await foundInOutputs(record, [here, ...(record.copies ? [record.copies] : []), ...[...(record.delivered ?? [])].reverse()])
    if (!paths) return { lost: here, why: pruned ? 'its result was pruned from the cache' : 'Proofsheet could not keep its own copy of the result' }
    return { found: { ...record, outputs: record.outputs.map((o, i) => ({ ...o, file: paths[i] as string })), dir: '' } }
  }

  /**
   * Remembers where a result was written (and the app's copies of it), so it can be found there once its
   * bytes are pruned. `written`: where it was written as its answer arrived, which its entry says already.
   */
  async delivered(key: string, paths: string[], copies?: string[], written?: string[]): Promise<void> {
    if (!copies && written?.join('\0') === paths.join('\0')) return
    if (!(await this.cache.deliveryIsNew(key, paths, copies))) return
    await withKeyLock(this.locks, key, () => this.cache.recordDelivery(key, paths, copies))
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
    // Another process on this state folder may be buying the same key: wait for it, then reuse.
    try {
      return await withKeyLock(
        this.locks,
        order.key,
        async () => {
          const { stored, pruned } = await this.cache.look(order.key)
          return stored ?? (await this.boughtMeanwhile(order, pruned)) ?? this.purchaseLocked(order)
        },
        order.signal
      )
    } catch (error) {
      if (order.signal?.aborted && !isJobError(error)) throw new JobError('cancelled', 'Cancelled')
      throw error
    }
  }

  /**
   * Bought since the caller looked and not cached: by this process or another on the state folder (the
   * same photo twice; a full state folder kept it only where it was written, or its answer was lost), or
   * its result pruned meanwhile (`pruned`, its record). Reused from where it was written, or refused as
   * bought before; never bought again unasked.
   */
  private async boughtMeanwhile(order: PurchaseOrder, pruned: CachedResult | null): Promise<StoredResult | null> {
    if (order.buyAgain || !order.destinations) return null
    // Another process's purchase that kept no result is known only from the journal.
    if (!pruned && !this.paid.has(order.key)) await this.learnPaid()
    const earlier = await this.lookEarlier(order.key, order.destinations, pruned)
    if (!earlier) return null
    if ('found' in earlier) return earlier.found
    throw boughtBefore(earlier)
  }

  private async purchaseLocked(order: PurchaseOrder): Promise<StoredResult> {
    const { key, file, send } = order
    let stored: StoredResult | undefined
    try {
      const result = await send(
        () => this.journal.append({ key, file, event: 'sending' }),
        (reason) => this.journal.append({ key, file, event: 'outcome-unknown', detail: reason }),
        async (answer) => void (stored = await this.keep(order, answer))
      )
      return stored ?? (await this.keep(order, result))
    } catch (error) {
      // Kept as far as it could be (and noted so): nothing more to record.
      if (isJobError(error) && error.kind === 'not-saved') throw error
      // A request the provider answered, even with a refusal, is closed, and so is one cancelled before
      // it went out; only one cancelled on the wire stays open: the provider may have charged it. An
      // answer paid for and refused here (too big, not an image) is remembered as lost: not bought again unasked.
      const open = isJobError(error) && error.kind === 'cancelled' && error.details.wired !== false
      const lost = isJobError(error) && error.kind === 'charged-without-result'
      if (lost) await this.note({ key, file, event: 'lost', detail: error.message })
      else if (!open) await this.journal.append({ key, file, event: 'failed', detail: (error as Error).message })
      throw error
    }
  }

  /** A paid answer kept: noted, written where it belongs, noted again if it landed elsewhere, cached; the photo fails only when none of it could be saved. */
  private async keep({ key, file, provider, amount, write, destinations }: PurchaseOrder, result: ProviderResult): Promise<StoredResult> {
    const described = result.outputs.map((o) => this.cache.describe(o))
    const received = (paths: readonly string[]): Omit<JournalRecord, 'at'> & { outputs: PaidOutput[] } => {
      const outputs = described.map((o, i) => ({ ...o, path: paths[i] as string })).filter((o) => o.path !== undefined)
      return { key, file, event: 'received', outputs, metadata: result.metadata, warnings: result.warnings }
    }
    // Noted before anything is written, with where it is to go: a crash from here on leaves the purchase
    // known, its bytes found again by hash where they were to be written, never bought again unasked.
    const planned = plannedPaths(described, destinations)
    const plannedNoted = await this.note(received(planned)).then(
      () => true,
      () => false
    )
    const written = await write(result.outputs).then(
      (paths) => ({ paths }),
      (error: unknown) => ({ error })
    )
    const paths = 'paths' in written ? written.paths : []
    // Noted again only when that says more: where it landed, if elsewhere, or that it landed nowhere.
    const asPlanned = plannedNoted && 'paths' in written && paths.join('\0') === planned.join('\0')
    const noted = asPlanned || (await this.note(received(paths)).then(() => true, () => false))
    const stored = await this.cache.put(key, result.outputs, result.metadata, result.warnings, 'paths' in written ? paths : undefined).then(
      (entry) => ({ entry }),
      (error: unknown) => ({ error })
    )
    // What was spent is worth knowing where it is the balance shown, but not worth the result: a ledger a full disk refuses is let go.
    if (amount > 0 && providerById(provider).countsSpendHere) await this.ledger.add(provider, amount).catch(() => undefined)
    if ('entry' in stored) return { ...stored.entry, ...('paths' in written ? { written: paths } : {}) }
    // The first record alone keeps it from being bought again: its hashes are known.
    if (!('paths' in written)) throw notSaved(written.error, stored.error, noted || plannedNoted)
    return {
      outputs: received(paths).outputs.map(({ path, ...o }) => ({ ...o, file: path })),
      metadata: result.metadata,
      warnings: result.warnings,
      dir: '',
      written: paths,
      uncached: (stored.error as Error).message
    }
  }

  /** What the journal has said of paid keys since this process last read it. */
  private async learnPaid(): Promise<void> {
    for (const [key, record] of paidRecords(await this.journal.recordsSince())) this.paid.set(key, record)
  }

  /** Appends a paid record and remembers it for the rest of this process's life. */
  private async note(record: Omit<JournalRecord, 'at'>): Promise<void> {
    this.paid.set(record.key, { ...record, at: new Date().toISOString() })
    await this.journal.append(record)
  }

  close(): Promise<void> {
    return this.journal.close()
  }
}
