import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { Keychain } from '../../src/main/keychain/keychain'
import { DEMO_KEYS } from '../../src/simulator/options'
import { Simulator } from '../../src/simulator/server'
import { tempDir } from '../../test/helpers/photos'
import { startHarness, type Harness, type HarnessOptions } from './server'

/** A simulator, the harness on a fresh catalog, and a keychain entry of the test's own. */
export interface Session {
  dir: string
  simulator: Simulator
  harness: Harness
  close(): Promise<void>
}

/** Every keychain entry a test may fill: each provider's key, and Photoroom's sandbox key beside its live one. */
const ENTRIES = ['photoroom', 'photoroom:sandbox', 'pixelcut', 'phota']

export async function openSession(prefix: string, latencyMs: number, options: Pick<HarnessOptions, 'typedPaths' | 'pickPaths' | 'allowLoopbackUrls'> = {}): Promise<Session> {
  const dir = tempDir(prefix)
  const service = `Proofsheet e2e ${randomBytes(4).toString('hex')}`
  const simulator = await new Simulator({ profiles: { photoroom: { latencyMs, latencyJitterMs: latencyMs / 10, rateLimit: null, retryAfter: true } } }).start()
  const harness = await startHarness({ rendererDir: resolve('out/renderer'), dataDir: join(dir, 'data'), stateDir: join(dir, 'state'), keychainService: service, urls: simulator.urls, ...options })
  return {
    dir,
    simulator,
    harness,
    async close() {
      const keychain = new Keychain(service)
      for (const entry of ENTRIES) await keychain.delete(entry).catch(() => undefined)
      await harness.close()
      await simulator.close()
    }
  }
}

/** The page at screenshot size with an output folder and the Photoroom demo key set. */
export async function prepare(page: Page, { harness, dir }: Session): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(harness.url)
  await page.getByLabel('Output folder').fill(join(dir, 'out'))
  await page.getByRole('button', { name: 'Set folder' }).click()
  await page.getByRole('textbox', { name: 'API key', exact: true }).fill(DEMO_KEYS.photoroom)
  await page.getByRole('button', { name: 'Save key' }).click()
  await expect(page.getByTestId('key-status')).toHaveText(/^Key saved/)
}
