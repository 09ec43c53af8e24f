import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { Keychain } from '../../src/main/keychain/keychain'
import { DEMO_KEYS } from '../../src/simulator/options'
import { Simulator } from '../../src/simulator/server'
import { makePhotos, tempDir } from '../../test/helpers/photos'
import { startHarness, type Harness } from './server'

let simulator: Simulator
let harness: Harness
let dir: string
const service = `Proofsheet e2e ${randomBytes(4).toString('hex')}`

test.beforeAll(async () => {
  dir = tempDir('proofsheet-e2e-')
  await makePhotos(join(dir, 'shoot'), 3)
  // Slow enough that the page sees the batch running before it ends.
  simulator = await new Simulator({ profiles: { photoroom: { latencyMs: 900, latencyJitterMs: 100, rateLimit: null, retryAfter: true } } }).start()
  harness = await startHarness({
    rendererDir: resolve('out/renderer'),
    dataDir: join(dir, 'data'),
    stateDir: join(dir, 'state'),
    keychainService: service,
    urls: simulator.urls
  })
})

test.afterAll(async () => {
  await new Keychain(service).delete('photoroom').catch(() => undefined)
  await harness?.close()
  await simulator?.close()
})

test('adds a folder, saves a key in the keychain, runs a batch and sees progress, results and balance stream in', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(harness.url)

  await page.getByLabel('Output folder').fill(join(dir, 'out'))
  await page.getByRole('button', { name: 'Set folder' }).click()
  await page.getByLabel('Photo or folder path').fill(join(dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()
  // Thumbnails come through the image route by ID and decode as real pictures.
  const thumb = page.getByRole('img', { name: 'photo-01.jpg' })
  await expect.poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)

  await page.getByRole('textbox', { name: 'API key', exact: true }).fill(DEMO_KEYS.photoroom)
  await page.getByRole('button', { name: 'Save key' }).click()
  await expect(page.getByTestId('key-status')).toHaveText(`Key saved …${DEMO_KEYS.photoroom.slice(-4)}`)
  expect(await new Keychain(service).get('photoroom')).toBe(DEMO_KEYS.photoroom)
  await expect(page.getByTestId('balance-photoroom')).toHaveText('Photoroom: 1,000 credits left')
  await expect(page.getByTestId('balance-photoroom')).toHaveAttribute('title', /^basic plan · 1,000 credits a month/)

  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: 'Run 3 photos' }).click()
  // Progress is seen while the batch runs, not only at the end.
  await expect(page.getByTestId('queue-status')).toContainText('Running')
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 3 \/ 3 · 3 done · 0 skipped · 0 failed of 3\./)
  const results = page.locator('img.result')
  await expect(results).toHaveCount(3)
  for (const result of await results.all()) await expect.poll(() => result.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
  await expect(page.getByTestId('balance-photoroom')).toHaveText('Photoroom: 997 credits left')

  const jobEvents = harness.sent.filter((e) => e.event === 'jobs')
  expect(jobEvents.length).toBeGreaterThan(0)
  expect(await page.content()).not.toContain(DEMO_KEYS.photoroom)
  expect(JSON.stringify(harness.sent)).not.toContain(DEMO_KEYS.photoroom)

  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(page.getByTestId('key-status')).toHaveText('No key saved')
  expect(await new Keychain(service).get('photoroom')).toBeNull()
  expect(errors).toEqual([])
})

test('a path that is not there, or not a photo, is reported in plain words and nothing is added', async ({ page }) => {
  await page.goto(harness.url)
  const library = `Photos (${harness.app.catalog.countPhotos()})`
  await expect(page.getByRole('heading', { name: /Photos/ })).toHaveText(library)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'no-such-folder'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await page.getByText('1 not added').click()
  await expect(page.getByText(`${join(dir, 'no-such-folder')}: not found`)).toBeVisible()
  await expect(page.getByRole('heading', { name: /Photos/ })).toHaveText(library)
})

test('when credits run out the page shows the queue paused and why; after a top-up, Resume finishes the batch', async ({ page }) => {
  await makePhotos(join(dir, 'second-shoot'), 4, { width: 400 })
  simulator.setBalance('photoroom', 'photoroom-demo', 2)
  await page.goto(harness.url)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'second-shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await page.getByRole('textbox', { name: 'API key', exact: true }).fill(DEMO_KEYS.photoroom)
  await page.getByRole('button', { name: 'Save key' }).click()
  await expect(page.getByTestId('key-status')).toHaveText(/^Key saved/)
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: 'Run 7 photos' }).click()
  // The first three photos are already paid for (reused from the cache); the new ones need credits.
  await expect(page.getByTestId('queue-status')).toContainText('Paused')
  await expect(page.getByTestId('queue-status')).toContainText(/credits/i)
  simulator.setBalance('photoroom', 'photoroom-demo', 50)
  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 7 \/ 7 · 7 done · 0 skipped · 0 failed of 7\./)
  await expect(page.locator('img.result')).toHaveCount(7)
})
