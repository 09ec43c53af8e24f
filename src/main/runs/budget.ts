import { operationById, type WorkItem } from '../../engine'
import { creditsOf } from '../../shared/operations/pricing'
import { FINAL_STATES } from '../../shared/jobs'

/**
 * The budget cap, item by item at its own most cost: an item that would take the spending over the
 * cap is held (and one that fits is not). Returns how many are held.
 */
export function holdOverCap(items: { maxCost: number; held?: boolean }[], committed: number, cap: number | null): number {
  let spent = committed
  let held = 0
  for (const item of items) {
    item.held = cap !== null && spent + item.maxCost > cap
    if (item.held) held++
    else spent += item.maxCost
  }
  return held
}

/**
 * The budget cap is in credits: each item's most cost, planned in its operation's own unit, is counted
 * in credits (a Photoroom image is 5). Returns the items, changed in place.
 */
export function inCredits<T extends { maxCost: number; spec: { operation: string } }>(items: T[]): T[] {
  for (const item of items) {
    const operation = operationById(item.spec.operation)
    if (operation) item.maxCost = creditsOf({ amount: item.maxCost, unit: operation.pricing.unit })
  }
  return items
}

/**
 * Held items that fit under the cap now go on: after the cap is raised, or once items on their way
 * came out cheaper than their most cost (reused, an identical photo bought once for both, failed).
 */
export async function releaseWhatFits(store: { held(): Promise<WorkItem[]>; unhold(ids: readonly string[]): Promise<void> }, committed: () => Promise<number>, cap: number | null): Promise<void> {
  const held = await store.held()
  if (!held.length) return
  holdOverCap(held, await committed(), cap)
  await store.unhold(held.filter((item) => !item.held).map((item) => item.id))
}

/**
 * What counts against the budget cap: a photo bought now (not reused, not an identical photo sent once
 * for both), and one that ended charged without a result or cut off on the wire (it may have been charged).
 */
export function spentOn(item: WorkItem): boolean {
  const { job } = item
  if (job.state === 'done') return job.sameAs === undefined
  return FINAL_STATES.has(job.state) && job.state !== 'reused' && (job.charged === true || job.maybeCharged !== undefined)
}
