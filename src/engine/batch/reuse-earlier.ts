import { boughtBefore } from '../purchases/bought-before'
import type { Purchases, StoredResult } from '../purchases/purchases'

/**
 * A photo bought before whose result is not in the cache (pruned, or never stored: a full disk, an
 * answer refused at the provider edge): reused from an output file written from it that is still
 * unchanged. When there is none it is not bought again behind the owner's back: the photo fails with
 * the reason, unless `buyAgain` was asked for. Null when there is nothing earlier to reuse.
 */
export async function reuseEarlier(purchases: Purchases, key: string, destinations: (extensions: string[]) => string[], buyAgain = false): Promise<StoredResult | null> {
  const earlier = await purchases.earlier(key, destinations)
  if (!earlier) return null
  if ('found' in earlier) return earlier.found
  if (buyAgain) return null
  throw boughtBefore(earlier)
}
