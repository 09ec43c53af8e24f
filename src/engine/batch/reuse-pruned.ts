import { basename } from 'node:path'
import { JobError } from '../errors'
import type { Purchases, StoredResult } from '../purchases/purchases'

/**
 * A photo bought before whose kept image was pruned: reused from an output file written from it that
 * is still unchanged. When there is none it is not bought again behind the owner's back: the photo
 * fails with the reason, unless `buyAgain` was asked for. Null when there is nothing pruned to reuse.
 */
export async function reusePruned(purchases: Purchases, key: string, destinations: (extensions: string[]) => string[], buyAgain = false): Promise<StoredResult | null> {
  const pruned = await purchases.pruned(key, destinations)
  if (!pruned) return null
  if ('found' in pruned) return pruned.found
  if (buyAgain) return null
  throw new JobError(
    'bought-before',
    `Bought before, but its result was pruned from the cache and its output file ${basename(pruned.lost[0] as string)} is gone or changed. Not bought again unless you ask to buy it again.`
  )
}
