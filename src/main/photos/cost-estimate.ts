import type { Balance } from '../../shared/account'
import type { Estimate } from '../../shared/ipc/contract'
import type { Cost } from '../../shared/operations'
import type { Catalog } from '../catalog/catalog'
import { operationFor } from './effective-params'
import type { PhotoLibrary } from './photo-library'

/**
 * What running these photos would cost, per provider: the preset's price for every photo without
 * overrides, each overridden photo priced with its own values. Photos already paid for with the same
 * parameters cost nothing again, but that is only known once a photo is checked, so this is the most
 * a run can spend. Photos already known to be skipped (files that cannot be read, earlier results in the
 * output folder) are left out and counted apart.
 */
export function estimateCost(catalog: Catalog, photos: PhotoLibrary, ids: readonly number[] | undefined, balances: readonly Balance[], outputFolder: string | null): Estimate {
  const preset = photos.preset()
  const operation = operationFor(preset.operationId)
  const presetCost = operation.cost(preset.values)
  // Priced once per distinct set of overrides: a whole batch is a handful of groups, not a row per photo.
  const groups = catalog.overrideGroups(ids, outputFolder)
  const costs = groups.flatMap((g) =>
    g.skipped ? [] : [{ provider: operation.provider, cost: Object.keys(g.overrides).length ? operation.cost({ ...preset.values, ...g.overrides }) : presetCost, photos: g.photos }]
  )
  return { ...estimateOf(costs, balances), skipped: groups.reduce((n, g) => n + (g.skipped ? g.photos : 0), 0) }
}

/** The most each provider would charge for these photos' requests (`photos` of them at each cost, one if unsaid), against its balance. */
export function estimateOf(costs: readonly { provider: string; cost: Cost; photos?: number }[], balances: readonly Balance[]): Estimate {
  const totals = new Map<string, { unit: 'credits' | 'images'; amount: number; photos: number }>()
  for (const { provider, cost, photos = 1 } of costs) {
    const total = totals.get(provider) ?? { unit: cost.unit, amount: 0, photos: 0 }
    total.amount += cost.amount * photos
    total.photos += photos
    totals.set(provider, total)
  }
  return {
    skipped: 0,
    photos: [...totals.values()].reduce((n, t) => n + t.photos, 0),
    providers: [...totals].map(([provider, t]) => {
      const balance = balances.find((b) => b.provider === provider && b.unit === t.unit && b.source === 'provider')
      return { provider, ...t, ...(balance?.source === 'provider' ? { available: balance.available } : {}) }
    })
  }
}

/**
 * How many of these photos, in order, fit under a cap: the rest wait rather than go over it. Every
 * photo counts, even one the catalog found unreadable: the engine reads it again when sent, and a file
 * that was still being copied may be whole by then and paid for.
 */
export function withinCap(catalog: Catalog, photos: PhotoLibrary, ids: readonly number[], cap: number | null): number {
  if (cap === null) return ids.length
  const preset = photos.preset()
  const operation = operationFor(preset.operationId)
  let spent = 0
  // One query for all of them: a 10,000-photo batch read photo by photo would hold main ~90 ms.
  const overrides = catalog.overridesOf(ids)
  for (let i = 0; i < overrides.length; i++) {
    spent += operation.cost({ ...preset.values, ...overrides[i] }).amount
    if (spent > cap) return i
  }
  return ids.length
}
