import { json } from '../http-io'
import type { Route } from '../context'
import { COSTS } from '../options'

/**
 * GET /v1/account: `{credits: {available, subscription}}`, "remaining credits balance and monthly quota";
 * GET /v2/account: `{images: {available, subscription}, plan}`, "remaining image edits and monthly quota".
 * A sandbox key reports its month: 1,000 free calls, less those used.
 */
export const accountRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/account',
    operation: false,
    missingKeyStatus: 400,
    handle: async ({ account }) =>
      json(200, { credits: account.sandbox ? { available: 0, subscription: 0 } : { available: account.balance, subscription: account.subscription } })
  },
  {
    method: 'GET',
    path: '/v2/account',
    operation: false,
    missingKeyStatus: 400,
    handle: async ({ account, state }) => {
      if (account.sandbox) {
        const { perMonth } = state.options.sandbox
        return json(200, { images: { available: state.accounts.sandboxMonthRemaining(account, perMonth), subscription: perMonth }, plan: 'sandbox' })
      }
      const images = (credits: number): number => Math.floor(credits / COSTS.photoroomEdit)
      return json(200, { images: { available: images(account.balance), subscription: images(account.subscription) }, plan: account.plan })
    }
  }
]
