import { findOperation, type ProviderOperation, isProviderId } from '../../engine'
import type { ParamValues } from '../../shared/operations'
import type { Catalog } from '../catalog/catalog'
import type { PhotoRow as CatalogPhoto } from '../catalog/photos'

/**
 * What "Run for real" sends for each photo: exactly the operation and parameters of its last sandbox
 * proof, so the paid result is the one the user approved on the watermarked one. Photos never proofed
 * are left out.
 */
export function lastProofs(catalog: Catalog, photoIds: number[]): { photo: CatalogPhoto; operation: ProviderOperation; values: ParamValues }[] {
  return photoIds.flatMap((id) => {
    const photo = catalog.photo(id)
    const proof = photo && catalog.results(id).find((result) => result.sandbox)
    const operation = proof && isProviderId(proof.provider) ? findOperation(proof.provider, proof.operation) : undefined
    return photo && proof && operation ? [{ photo, operation, values: proof.params }] : []
  })
}

/** The photos picked in review that have a proof: what "Run for real" runs when no photos are named. */
export function pickedProofs(catalog: Catalog): number[] {
  const all = catalog.photoIds()
  const reviews = catalog.reviews(all)
  return all.filter((id) => reviews.get(id)?.flag === 'pick' && catalog.results(id).some((result) => result.sandbox))
}
