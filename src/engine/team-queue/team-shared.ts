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
  /** A Redis command awaited only until the process leaves the queue. */
  here: <T>(work: Promise<T>) => Promise<T>
}

export function teamSharedQueue({ pace, budget, purchases, leasable, here }: TeamParts): SharedQueue {
  return {
    onLeasable: (listener) => {
      leasable.add(listener)
      return () => leasable.delete(listener)
    },
    rateLimited: async (provider, retryAfterMs) => here(Promise.resolve(pace?.rateLimited(provider, retryAfterMs))),
    succeeded: async (provider) => here(Promise.resolve(pace?.succeeded(provider))),
    reserve: (key, _provider, amount) => here(budget.reserve(key, amount)),
    settle: (key, provider, spent) => here(budget.settle(key, provider, spent)),
    sending: (key, worker) => here(purchases.sending(key, worker)),
    answered: (key, worker, result) => here(purchases.answered(key, worker, result)),
    abandoned: async (key, worker, provider) => {
      const abandoned = await here(purchases.abandoned(key, worker))
      // Its reservation is spent: the provider may have charged it.
      if (abandoned) await here(budget.settle(key, provider, 'reserved'))
      return abandoned
    }
  }
}
