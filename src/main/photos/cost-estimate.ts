import type { Balance } from '../../shared/account'
import type { Estimate } from '../../shared/ipc/contract'
import type { Cost } from '../../shared/operations'
import { creditsOf } from '../../shared/operations/pricing'
import type { Catalog } from '../catalog/catalog'
import { operationFor, unsendable } from './effective-params'
import type { PhotoLibrary } from './photo-library'
import { overridesKey } from './reused-photos'

/** What an estimate can know besides the photos: which would be reused (by overrides), and the budget cap. */
export interface EstimateContext {
  reused?: ReadonlyMap<string, number>
  budget?: { cap: number | null; spent: number }
}

type Priced = { provider: string; cost: Cost; photos?: number }

/**
 * What running these photos would cost, per provider: the preset's price for every photo without
 * overrides, each overridden photo priced with its own values. Photos already paid for with exactly
 * these parameters are reused, free, and counted apart; other reuse is only known once a photo is
 * checked, so this is the most a run can spend. Photos already known to be skipped (files that cannot
 * be read, earlier results in the output folder, overrides the operation refuses) are counted apart too.
 */
export function estimateCost(catalog: Catalog, photos: PhotoLibrary, ids: readonly number[] | undefined, balances: readonly Balance[], outputFolder: string | null, context: EstimateContext = {}): Estimate {
  const preset = photos.preset()
  const operation = operationFor(preset.operationId)
  const presetCost = operation.cost(preset.values)
  // A preset the provider refuses refuses the run itself (with its fields); only overrides skip photos.
  const presetRefused = operation.validate(preset.values).errors.length > 0
  let skipped = 0
  let reused = 0
  const costs: Priced[] = []
  // Priced once per distinct set of overrides: a whole batch is a handful of groups, not a row per photo.
  for (const group of catalog.overrideGroups(ids, outputFolder)) {
    const values = { ...preset.values, ...group.overrides }
    if (group.skipped || (!presetRefused && unsendable(operation, values))) {
      skipped += group.photos
      continue
    }
    const free = Math.min(group.photos, context.reused?.get(overridesKey(group.overrides)) ?? 0)
    reused += free
    costs.push({ provider: operation.provider, cost: Object.keys(group.overrides).length ? operation.cost(values) : presetCost, photos: group.photos - free })
  }
  return { ...estimateOf(costs, balances, context.budget), skipped, ...(reused ? { reused } : {}) }
}

/** The most each provider would charge for these photos' requests (`photos` of them at each cost, one if unsaid), against its balance and the budget cap. */
export function estimateOf(costs: readonly Priced[], balances: readonly Balance[], budget?: EstimateContext['budget']): Estimate {
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
    }),
    ...(budget && budget.cap !== null ? { cap: underCap(costs, budget.cap, budget.spent) } : {})
  }
}

/**
 * What the cap would let through, as the queue holds photos back: in order, each photo at its most
 * cost in credits goes if it still fits under the cap, and waits otherwise.
 */
function underCap(costs: readonly Priced[], limit: number, spent: number): NonNullable<Estimate['cap']> {
  let room = limit - spent
  let adds = 0
  let held = 0
  for (const { cost, photos = 1 } of costs) {
    const each = creditsOf(cost)
    const fit = each <= 0 ? photos : Math.max(0, Math.min(photos, Math.floor((room + 1e-9) / each)))
    held += photos - fit
    adds += fit * each
    room -= fit * each
  }
  return { limit, spent, adds, held }
}
