import { boughtBefore } from '../purchases/bought-before'
import type { Purchases, StoredResult } from '../purchases/purchases'

/**
 * A photo bought before: its stored result, or, when that is not in the cache (pruned, or never stored:
 * a full disk, an answer refused at the provider edge), an output file written from it that is still
 * unchanged. When there is none it is not bought again behind the owner's back: the photo fails with
 * the reason, unless `buyAgain` was asked for. Null when there is nothing earlier to reuse.
 */
export async function reuseEarlier(purchases: Purchases, key: string, destinations: (extensions: string[]) => string[], buyAgain = false): Promise<StoredResult | null> {
  const earlier = await purchases.known(key, destinations)
  if (!earlier) return null
  if ('stored' in earlier) return earlier.stored
  if ('found' in earlier) return earlier.found
  if (buyAgain) return null
  throw boughtBefore(earlier)
}
