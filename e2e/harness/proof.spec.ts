import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { Keychain } from '../../src/main/keychain/keychain'
import { DEMO_KEYS } from '../../src/simulator/options'
import { Simulator } from '../../src/simulator/server'
import { makePhotos, tempDir } from '../../test/helpers/photos'
import { startHarness, type Harness } from './server'
import { toolbarAction } from './toolbar'

let simulator: Simulator
let harness: Harness
const service = `Proofsheet e2e ${randomBytes(4).toString('hex')}`

test.beforeAll(async () => {
  const dir = tempDir('proofsheet-proof-')
  await makePhotos(join(dir, 'shoot'), 3, { width: 400, height: 300 })
  simulator = await new Simulator({ profiles: { photoroom: { latencyMs: 50, rateLimit: null, retryAfter: true } } }).start()
  harness = await startHarness({ rendererDir: resolve('out/renderer'), dataDir: join(dir, 'data'), stateDir: join(dir, 'state'), keychainService: service, urls: simulator.urls })
  const { handlers } = harness.app
  await handlers.addPaths({ paths: [join(dir, 'shoot')] })
  await handlers.updateSettings({ outputFolder: join(dir, 'out') })
  await handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.color': 'FFFFFF', padding: 0.1 } })
  await handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
})

test.afterAll(async () => {
  await new Keychain(service).delete('photoroom').catch(() => undefined)
  await new Keychain(service).delete('photoroom:sandbox').catch(() => undefined)
  await harness?.close()
  await simulator?.close()
})

test('a free sandbox proof of every photo, then the picked ones for real with the same parameters: only those are billed', async ({ page }) => {
  const charged = (): number => simulator.stats().providers.photoroom.chargesByAccount['photoroom-demo'] ?? 0
  const edits = (): number => simulator.stats().providers.photoroom.byPath['/v2/edit'] ?? 0
  await page.goto(harness.url)
  // The sandbox key is kept beside the live one.
  await harness.app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroomSandbox })
  await page.reload()
  const before = { charged: charged(), edits: edits() }

  await toolbarAction(page, 'Proof (sandbox)')
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 3 \/ 3 · 3 done · 0 skipped · 0 failed of 3\./)
  // Three proofs sent, none charged: the sandbox is free.
  expect(edits() - before.edits).toBe(3)
  expect(charged()).toBe(before.charged)
  const photos = harness.app.catalog.listPhotos({ offset: 0, limit: 3 })
  expect(photos.map((p) => harness.app.catalog.results(p.id)[0]?.sandbox)).toEqual([true, true, true])

  await harness.app.handlers.setReview({ photoIds: [photos[0]!.id, photos[2]!.id], flag: 'pick' })
  // The preset changes after the proof: for real sends what was proofed, not what is set now.
  await harness.app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.color': '000000' } })
  await toolbarAction(page, 'Run picked for real')
  const confirm = page.getByRole('dialog', { name: 'Run the picked proofs for real' })
  await confirm.getByRole('button', { name: 'Run 2 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 2 \/ 2 · 2 done · 0 skipped · 0 failed of 2\./)

  // Only the two picked photos were sent again, and only they were charged.
  expect(edits() - before.edits).toBe(5)
  expect(charged() - before.charged).toBe(2)
  for (const photo of [photos[0]!, photos[2]!]) {
    const [real, proof] = harness.app.catalog.results(photo.id)
    expect(real).toMatchObject({ sandbox: false, params: proof!.params })
    expect(real!.params).toEqual({ 'background.color': 'FFFFFF', padding: 0.1 })
  }
  expect(harness.app.catalog.results(photos[1]!.id)).toHaveLength(1)
})
