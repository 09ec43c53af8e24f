import type { Catalog } from '../catalog/catalog'
import type { MarketplaceId, StoreRule } from './marketplaces'
import { selectForExport } from './selection'
import { checkForStore, type StoreCheck } from './store-check'

/**
 * The store check of each photo's chosen output as it is (before any export conversion), for the
 * review's badge and filter. Photos without a result are left out; an output that cannot be read
 * fails with the reason.
 */
export async function checkChosenOutputs(catalog: Catalog, photoIds: readonly number[], rule: StoreRule | MarketplaceId): Promise<Map<number, StoreCheck>> {
  const checks = new Map<number, StoreCheck>()
  if (!photoIds.length) return checks
  for (const { photo, output } of selectForExport(catalog, { kind: 'photos', photoIds: [...photoIds] })) {
    if (!output) continue
    try {
      checks.set(photo.id, await checkForStore(output.path, rule))
    } catch (error) {
      const name = typeof rule === 'string' ? rule : rule.name
      checks.set(photo.id, { rule: name, passed: false, reasons: [`the result cannot be read: ${(error as Error).message}`], format: output.format, width: 0, height: 0, bytes: 0 })
    }
  }
  return checks
}
