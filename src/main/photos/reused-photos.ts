import { jobKey, purchaseKey, type NewWorkItem, type ProviderOperation, type Seller } from '../../engine'
import type { OperationId, ParamValues } from '../../shared/operations'
import type { Catalog } from '../catalog/catalog'
import type { Bought } from '../catalog/results'

/** The same overrides, however the catalog's JSON spelled them: how reused photos are matched to their group. */
export const overridesKey = (overrides: ParamValues): string => JSON.stringify(overrides)

/** Whether what the photo would be sent now (same bytes, operation, parameters, servers and kind of key) is a purchase one of its results was. */
const bought = (photo: Bought, operationId: OperationId, values: ParamValues, seller: Seller): boolean => photo.keys.has(purchaseKey(jobKey(photo.contentHash, operationId, values), seller))

/**
 * How many of these photos (all when none are named) a normal run would not pay for, by their
 * overrides: a photo whose bytes are known and that has a result bought with exactly what it would be
 * sent now. The run reuses that result, or, if its kept image is gone, fails without buying (only Buy
 * again pays), so it costs nothing.
 */
export function reusedByOverrides(catalog: Catalog, ids: readonly number[] | undefined, operation: ProviderOperation, presetValues: ParamValues, seller: Seller): Map<string, number> {
  const reused = new Map<string, number>()
  for (const photo of catalog.boughtPhotos(ids && [...new Set(ids)])) {
    const overrides = JSON.parse(photo.overrides) as ParamValues
    if (!bought(photo, operation.id, { ...presetValues, ...overrides }, seller)) continue
    const group = overridesKey(overrides)
    reused.set(group, (reused.get(group) ?? 0) + 1)
  }
  return reused
}

/**
 * A run's items whose purchase is known bought cost nothing: the budget cap does not hold them back
 * (as the confirmation counted them, "reused, free"). `sellers` by operation id; items are changed in place.
 */
export function freeWhenBought(catalog: Catalog, items: NewWorkItem[], sellers: ReadonlyMap<OperationId, Seller>): void {
  const photos = new Map(catalog.boughtPhotos(items.map((item) => Number(item.spec.ref))).map((photo) => [String(photo.photoId), photo]))
  for (const item of items) {
    const photo = photos.get(item.spec.ref)
    const seller = sellers.get(item.spec.operation)
    if (photo && seller && bought(photo, item.spec.operation, item.spec.values, seller)) item.maxCost = 0
  }
}
