import { json } from '../http-io'
import type { Route } from '../context'
import { COSTS } from '../options'

export const accountRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/account',
    operation: false,
    missingKeyStatus: 400,
    handle: async ({ account }) =>
      json(200, { credits: { available: account.sandbox ? 0 : account.balance, subscription: account.sandbox ? 0 : account.balance } })
  },
  {
    method: 'GET',
    path: '/v2/account',
    operation: false,
    missingKeyStatus: 400,
    handle: async ({ account, state }) =>
      account.sandbox
        ? json(200, {
            images: { available: state.accounts.sandboxRemaining(account, state.options.sandbox), subscription: state.options.sandbox.perMonth },
            plan: 'sandbox'
          })
        : json(200, {
            images: { available: Math.floor(account.balance / COSTS.photoroomEdit), subscription: Math.floor(account.balance / COSTS.photoroomEdit) },
            plan: 'basic'
          })
  }
]
