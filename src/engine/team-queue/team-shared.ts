import type { SharedQueue } from '../work/shared-queue'
import type { PurchaseIndex } from './purchase-index'
import type { SharedPace } from './shared-pace'
import type { TeamBudget } from './team-budget'

/** The team queue's pieces kept in Redis, as the worker meets them: one pace, one budget cap, one purchase index. */
export interface TeamParts {
  /** Only for a worker: a seat that enqueues and follows paces nothing. */
  pace: SharedPace | undefined
  budget: TeamBudget
  purchases: PurchaseIndex
  /** Who is told when items may be leased again. */
  leasable: Set<() => void>
}

export function teamSharedQueue({ pace, budget, purchases, leasable }: TeamParts): SharedQueue {
  return {
    onLeasable: (listener) => {
      leasable.add(listener)
      return () => leasable.delete(listener)
    },
    rateLimited: async (provider, retryAfterMs) => pace?.rateLimited(provider, retryAfterMs),
    succeeded: async (provider) => pace?.succeeded(provider),
    reserve: (key, _provider, amount) => budget.reserve(key, amount),
    settle: (key, provider, spent) => budget.settle(key, provider, spent),
    sending: (key, worker) => purchases.sending(key, worker),
    answered: (key, worker, result) => purchases.answered(key, worker, result),
    abandoned: async (key, worker, provider) => {
      const abandoned = await purchases.abandoned(key, worker)
      // Its reservation is spent: the provider may have charged it.
      if (abandoned) await budget.settle(key, provider, 'reserved')
      return abandoned
    }
  }
}
