import type { Catalog } from '../catalog/catalog'
import { STORE_RULES, type MarketplaceId, type StoreRule } from './marketplaces'
import { selectForExport } from './selection'
import { checkForStore, type StoreCheck } from './store-check'
import { imageOf } from '../catalog/results'

/** A store check, and which result and output of the photo it is about. */
export type ChosenCheck = StoreCheck & { resultId: number; output: number }

/**
 * The store check of each photo's chosen output as it is (before any export conversion), for the
 * review's badge and filter. Photos without a result are left out; an output that cannot be read
 * fails with the reason.
 */
export async function checkChosenOutputs(catalog: Catalog, photoIds: readonly number[], rule: StoreRule | MarketplaceId): Promise<Map<number, ChosenCheck>> {
  const checks = new Map<number, ChosenCheck>()
  if (!photoIds.length) return checks
  for (const { photo, result, output } of selectForExport(catalog, { kind: 'photos', photoIds: [...photoIds] })) {
    if (!result || !output) continue
    const which = { resultId: result.id, output: result.outputs.indexOf(output) }
    try {
      checks.set(photo.id, { ...(await checkForStore(imageOf(output), rule)), ...which })
    } catch (error) {
      const name = typeof rule === 'string' ? STORE_RULES[rule].name : rule.name
      checks.set(photo.id, { rule: name, passed: false, reasons: [`the result cannot be read: ${(error as Error).message}`], format: output.format, width: 0, height: 0, bytes: 0, ...which })
    }
  }
  return checks
}
