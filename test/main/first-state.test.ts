import { afterEach, expect, test, vi } from 'vitest'
import { Keychain } from '../../src/main/keychain/keychain'
import { useTestApps } from '../helpers/main-app'
import { useSimulator } from '../helpers/simulator'

const sim = useSimulator()
const openApp = useTestApps()
afterEach(() => vi.restoreAllMocks())

test('the first screen does not wait for a locked keychain; key statuses follow, two keychain reads per provider', async () => {
  const app = await openApp(sim.current)
  // A keyring waiting for its password: no read answers until the user unlocks it.
  let unlock!: () => void
  const unlocked = new Promise<void>((resolve) => (unlock = resolve))
  const reads: string[] = []
  vi.spyOn(Keychain.prototype, 'get').mockImplementation(async (account: string) => {
    reads.push(account)
    await unlocked
    return null
  })
  const state = await app.handlers.getState(undefined)
  expect(state.keys).toEqual([])
  expect(state.firstRows).toEqual([])

  const statuses = Promise.all(['photoroom', 'pixelcut', 'phota'].map((provider) => app.next('keys', (s) => s.provider === provider)))
  unlock()
  expect((await statuses).map((s) => s.state)).toEqual(['not-set', 'not-set', 'not-set'])
  for (const provider of ['photoroom', 'pixelcut', 'phota']) expect(reads.filter((account) => account.startsWith(provider))).toHaveLength(2)
})
