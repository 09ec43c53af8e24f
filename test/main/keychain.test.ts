import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { Keychain } from '../../src/main/keychain/keychain'
import { TSX } from '../helpers/cli'
import { tempDir } from '../helpers/photos'
import { useTestApps } from '../helpers/main-app'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const run = promisify(execFile)
const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

describe('the OS keychain (a real Secret Service here)', () => {
  test('stores, replaces and deletes a secret; another service name cannot see it', async () => {
    const keychain = new Keychain(`Proofsheet test ${randomBytes(4).toString('hex')}`)
    expect(await keychain.get('photoroom')).toBeNull()
    await keychain.set('photoroom', 'sk_first_0001')
    await keychain.set('photoroom', 'sk_second_0002')
    expect(await keychain.get('photoroom')).toBe('sk_second_0002')
    expect(await new Keychain('Proofsheet someone else').get('photoroom')).toBeNull()
    await keychain.delete('photoroom')
    expect(await keychain.get('photoroom')).toBeNull()
  })

  // The bus is chosen when a process first connects, so this runs in a child with no session bus.
  test.runIf(process.platform === 'linux')('with no Secret Service reachable, a clear refusal instead of a plain-text fallback', async () => {
    const code = `
      const { Keychain } = await import(${JSON.stringify(pathToFileURL(resolve('src/main/keychain/keychain.ts')).href)})
      await new Keychain('Proofsheet no bus').set('photoroom', ${JSON.stringify(DEMO_KEYS.photoroom)}).then(
        () => console.log('saved'),
        (error) => console.log(error.constructor.name + ': ' + error.message))`
    const env = { PATH: process.env['PATH'], HOME: tempDir(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/proofsheet-bus' }
    const { stdout } = await run(process.execPath, ['--import', TSX, '--input-type=module', '-e', code], { env })
    expect(stdout.trim()).toMatch(/^KeychainUnavailableError: No system keychain is available\. .*Secret Service.*The key was not saved\.$/)
    expect(stdout).not.toContain(DEMO_KEYS.photoroom)
  })
})

describe('API keys per provider', () => {
  test('a good key is stored, tested against the account endpoint, and only its last four characters come back', async () => {
    sim.current.resetStats()
    const app = await openApp(sim.current)
    const status = await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
    expect(status).toEqual({ provider: 'photoroom', state: 'set', last4: '81d0', sandbox: false })
    expect(await app.keychain.get('photoroom')).toBe(DEMO_KEYS.photoroom)
    expect(app.events.find((e) => e.event === 'balance')?.payload).toMatchObject({ provider: 'photoroom', unit: 'credits', available: 1000 })
    expect(JSON.stringify(app.events)).not.toContain(DEMO_KEYS.photoroom)
    expect(sim.current.stats().providers.photoroom.byPath).toEqual({ '/v1/account': 1, '/v2/account': 1 })
  })

  test('a sandbox key is recognised, and kept beside a live key for proof runs; deleting removes both', async () => {
    const app = await openApp(sim.current)
    expect(await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroomSandbox })).toMatchObject({ state: 'set', sandbox: true })
    const both = await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
    expect(both).toMatchObject({ state: 'set', sandbox: false, last4: DEMO_KEYS.photoroom.slice(-4), sandboxLast4: DEMO_KEYS.photoroomSandbox.slice(-4) })
    expect(await app.keychain.get('photoroom')).toBe(DEMO_KEYS.photoroom)
    expect(await app.keychain.get('photoroom:sandbox')).toBe(DEMO_KEYS.photoroomSandbox)
    expect(await app.handlers.deleteKey({ provider: 'photoroom' })).toMatchObject({ state: 'not-set' })
    expect(await app.keychain.get('photoroom:sandbox')).toBeNull()
  })

  test('a key the provider refuses is kept (to be replaced) but marked invalid, and no batch is sent with it', async () => {
    const app = await openApp(sim.current)
    const status = await app.handlers.setKey({ provider: 'pixelcut', key: 'pxc_wrong_key_0000' })
    expect(status).toMatchObject({ state: 'invalid', last4: '0000' })
    expect(status.message).toMatch(/Pixelcut/)
    await app.handlers.setKey({ provider: 'pixelcut', key: DEMO_KEYS.pixelcut })
    expect(await app.handlers.testKey({ provider: 'pixelcut' })).toMatchObject({ state: 'set', last4: DEMO_KEYS.pixelcut.slice(-4) })
    expect(await app.handlers.deleteKey({ provider: 'pixelcut' })).toEqual({ provider: 'pixelcut', state: 'not-set', sandbox: false })
    expect(await app.keychain.get('pixelcut')).toBeNull()
  })

  test('an unreachable provider says nothing about the key: it stays "set", with the reason it was not checked', async () => {
    const { Simulator } = await import('../../src/simulator/server')
    const closed = await new Simulator(NO_LIMITS).start()
    await closed.close()
    const app = await openApp(closed)
    const status = await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
    expect(status.state).toBe('set')
    expect(status.message).toMatch(/^Not checked: /)
  })
})
