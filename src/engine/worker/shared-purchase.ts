import { JobError } from '../errors'
import type { StoredResult } from '../purchases/purchases'
import type { ProviderId } from '../providers/registry'
import { abandonedNotice } from '../batch/unanswered'
import type { SharedQueue } from '../work/shared-queue'

/** One purchase in a shared queue, as its item run sees it. */
export interface SharedPurchase {
  shared: SharedQueue
  key: string
  worker: string
  provider: ProviderId
  cost: number
  file: string
  /** Already bought (by another worker, or before): nothing is sent. */
  cached(): Promise<StoredResult | null | undefined>
  /** Buys it; `sent` is called as each request goes on the wire. */
  buy(sent: () => void): Promise<StoredResult>
  /** A vanished worker's request for it may have been charged: told on the photo. */
  mayHaveBeenCharged(notice: string): void
  /** A request of this purchase may have been charged without its answer arriving. */
  answerLost(): boolean
}

/**
 * In a shared queue a vanished worker's unanswered request is told on the photo (it may have been
 * charged) before it is bought again, and the budget cap is reserved across every worker first.
 */
export async function buyShared(p: SharedPurchase): Promise<StoredResult> {
  const { shared, key, provider } = p
  const abandoned = await shared.abandoned(key, p.worker, provider)
  const bought = await p.cached()
  if (bought) return bought
  if (!(await shared.reserve(key, provider, p.cost))) throw new HeldByCap()
  let sent = false
  // Told only when it is really sent again: the vanished worker's result may still arrive first.
  const sendingAgain = (): void => {
    sent = true
    if (abandoned) p.mayHaveBeenCharged(abandonedNotice(p.file, new Date(abandoned.at)))
  }
  try {
    const result = await p.buy(sendingAgain)
    // Bought and kept: the queue's books are told as far as it can be (a queue left meanwhile cannot), never at the result's cost.
    // Unsettled, the reservation counts as spent; unanswered, the next worker finds the result kept.
    await shared.settle(key, provider, sent ? p.cost : 0).catch(() => undefined)
    await shared.answered(key, p.worker, { dir: result.dir, outputs: result.outputs.map(({ file, bytes, sha256 }) => ({ file, bytes, ...(sha256 ? { sha256 } : {}) })) }).catch(() => undefined)
    return result
  } catch (error) {
    const charged = sent && (p.answerLost() || (error instanceof JobError && (error.kind === 'charged-without-result' || error.details.wired === true)))
    await shared.settle(key, provider, charged ? p.cost : 0)
    throw error
  }
}

/** What a send in a shared queue reports back to the queue: every worker's pace follows each answer. */
export async function reportAnswer<T>(shared: SharedQueue, provider: ProviderId, key: string, worker: string, sending: Promise<T>): Promise<T> {
  try {
    const result = await sending
    // The pace is not worth the answer: a queue left meanwhile is not told.
    await shared.succeeded(provider).catch(() => undefined)
    return result
  } catch (error) {
    // The provider answered (a refusal, a 429): nothing of it is left open.
    if (error instanceof JobError && error.details.status !== undefined && error.kind !== 'charged-without-result') await shared.answered(key, worker)
    throw error
  }
}

/**
 * A shared queue hands out its items at the provider's pace: each is sent this long after it was
 * leased (the same for every worker), so the requests keep the leases' even spacing whatever the
 * photo took to prepare (reading, hashing, the journal's write to disk).
 */
export const SEND_LEAD_MS = 200

export async function sendAfterLead(since: number | undefined): Promise<void> {
  const wait = since === undefined ? 0 : since + SEND_LEAD_MS - Date.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}

/** Buying it would take the shared queue's spending over its budget cap. */
export class HeldByCap extends Error {}
