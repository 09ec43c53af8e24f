import { expect, it } from 'vitest'
import { BalanceTracker } from '../../src/main/app/balance-tracker'
import type { Balance } from '../../src/engine'

it('a run’s reading of the one balance it spends keeps the plan the full reading showed', () => {
  const sent: Balance[] = []
  const tracker = new BalanceTracker({} as never, {} as never, ((event: string, balance: Balance) => void (event === 'balance' && sent.push(balance))) as never)
  tracker.accept({ provider: 'photoroom', unit: 'credits', source: 'provider', available: 10, plan: 'basic' })
  // A background removal's account check reads /v1/account only: no plan in it.
  tracker.accept({ provider: 'photoroom', unit: 'credits', source: 'provider', available: 9 })
  expect(sent.at(-1)).toMatchObject({ available: 9, plan: 'basic' })
  expect(tracker.all()).toEqual([sent.at(-1)])
  // A new plan, read in full, replaces it.
  tracker.accept({ provider: 'photoroom', unit: 'credits', source: 'provider', available: 500, plan: 'pro' })
  expect(sent.at(-1)).toMatchObject({ plan: 'pro' })
})
