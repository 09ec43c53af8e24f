import { jobKey, purchaseKey, type ProviderOperation, type Seller } from '../../engine'
import type { ParamValues } from '../../shared/operations'
import type { Catalog } from '../catalog/catalog'

/** The same overrides, however the catalog's JSON spelled them: how reused photos are matched to their group. */
export const overridesKey = (overrides: ParamValues): string => JSON.stringify(overrides)

/**
 * How many of these photos (all when none are named) a normal run would not pay for, by their
 * overrides: a photo whose bytes are known and that has a result bought with exactly what it would be
 * sent now (same bytes, operation, parameters, servers and kind of key). The run reuses that result,
 * or, if its kept image is gone, fails without buying (only Buy again pays), so it costs nothing.
 */
export function reusedByOverrides(catalog: Catalog, ids: readonly number[] | undefined, operation: ProviderOperation, presetValues: ParamValues, seller: Seller): Map<string, number> {
  const reused = new Map<string, number>()
  for (const photo of catalog.boughtPhotos(ids && [...new Set(ids)])) {
    const overrides = JSON.parse(photo.overrides) as ParamValues
    const key = purchaseKey(jobKey(photo.contentHash, operation.id, { ...presetValues, ...overrides }), seller)
    if (!photo.keys.has(key)) continue
    const group = overridesKey(overrides)
    reused.set(group, (reused.get(group) ?? 0) + 1)
  }
  return reused
}
