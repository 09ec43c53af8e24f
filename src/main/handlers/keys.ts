import type { Balance, ProviderId } from '../../engine'
import type { HandlersFor, KeyStatus } from '../../shared/ipc/contract'
import type { HandlerContext } from './context'

export function keysHandlers(c: HandlerContext): HandlersFor<'setKey' | 'testKey' | 'deleteKey', ProviderId> {
  const afterTest = (provider: ProviderId, { status, balances }: { status: KeyStatus; balances: Balance[] }): KeyStatus => {
    if (status.state === 'invalid') c.balances.forget(provider)
    for (const balance of balances) c.balances.accept(balance)
    c.emit('keys', status)
    return status
  }
  return {
    setKey: async ({ provider, key }) => afterTest(provider, await c.keys.set(provider, key)),
    testKey: async ({ provider }) => afterTest(provider, await c.keys.test(provider)),
    async deleteKey({ provider }) {
      const status = await c.keys.delete(provider)
      c.balances.forget(provider)
      c.emit('keys', status)
      return status
    }
  }
}
