import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { Keychain } from '../../src/main/keychain/keychain'
import { DEMO_KEYS } from '../../src/simulator/options'
import { Simulator } from '../../src/simulator/server'
import { confirmedRun } from '../../test/helpers/confirm'
import { makePhotos, tempDir } from '../../test/helpers/photos'
import { screenshotSizes } from './screenshots'
import { startHarness, type Harness } from './server'
import { toolbarAction } from './toolbar'

let simulator: Simulator
let harness: Harness
let dir: string
const service = `Proofsheet e2e ${randomBytes(4).toString('hex')}`

/** Runs the whole catalog through the current preset and waits until main says the queue is idle again. */
async function runAll(): Promise<void> {
  const before = harness.sent.length
  await confirmedRun(harness.app.handlers, {})
  await expect.poll(() => harness.sent.slice(before).some((e) => e.event === 'queue' && (e.payload as { state: string }).state === 'idle'), { timeout: 20_000 }).toBe(true)
}

async function openLoupe(page: Page, name: string): Promise<void> {
  await page.goto(harness.url)
  await page.getByRole('option', { name }).dblclick()
  await expect(page.getByRole('dialog', { name: `Review ${name}` })).toBeVisible()
}

test.beforeAll(async () => {
  dir = tempDir('proofsheet-review-')
  await makePhotos(join(dir, 'shoot'), 4, { width: 600, height: 400 })
  simulator = await new Simulator({ profiles: { photoroom: { latencyMs: 50, rateLimit: null, retryAfter: true }, pixelcut: { latencyMs: 50, rateLimit: null, retryAfter: true } } }).start()
  harness = await startHarness({ rendererDir: resolve('out/renderer'), dataDir: join(dir, 'data'), stateDir: join(dir, 'state'), keychainService: service, urls: simulator.urls })
  const { handlers } = harness.app
  await handlers.addPaths({ paths: [join(dir, 'shoot')] })
  await handlers.updateSettings({ outputFolder: join(dir, 'out') })
  await handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await handlers.setKey({ provider: 'pixelcut', key: DEMO_KEYS.pixelcut })
  await runAll()
})

test.afterAll(async () => {
  for (const provider of ['photoroom', 'pixelcut']) await new Keychain(service).delete(provider).catch(() => undefined)
  await harness?.close()
  await simulator?.close()
})

const reviewOf = (name: string): ReturnType<Harness['app']['catalog']['review']> => {
  const photo = harness.app.catalog.listPhotos({ offset: 0, limit: 10 }).find((p) => p.name === name)!
  return harness.app.catalog.review(photo.id)
}

test('culling from the keyboard: P, X, stars and labels are kept in the catalog, and auto-advance moves on', async ({ page }) => {
  await openLoupe(page, 'photo-01.jpg')
  await page.getByLabel('Auto-advance').check()
  await page.keyboard.press('p')
  await expect(page.getByRole('dialog', { name: 'Review photo-02.jpg' })).toBeVisible()
  await page.keyboard.press('x')
  await expect(page.getByRole('dialog', { name: 'Review photo-03.jpg' })).toBeVisible()
  await page.keyboard.press('4')
  await expect(page.getByRole('dialog', { name: 'Review photo-04.jpg' })).toBeVisible()
  await page.getByLabel('Auto-advance').uncheck()
  await page.keyboard.press('6')
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByRole('dialog', { name: 'Review photo-03.jpg' })).toBeVisible()

  await expect.poll(() => reviewOf('photo-01.jpg').flag).toBe('pick')
  expect(reviewOf('photo-02.jpg').flag).toBe('reject')
  expect(reviewOf('photo-03.jpg').rating).toBe(4)
  await expect.poll(() => reviewOf('photo-04.jpg').label).toBe('red')
  // The marks show in the loupe too: photo-03 has four stars.
  await expect(page.getByRole('group', { name: 'Rating: 4 of 5' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('the before/after slider uncovers the result, and the difference overlay is a real picture', async ({ page }) => {
  await openLoupe(page, 'photo-02.jpg')
  const result = page.getByRole('img', { name: 'photo-02.jpg, result' })
  await expect.poll(() => result.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
  const clipped = (): Promise<string> => result.evaluate((img) => (img.parentElement as unknown as { style: { clipPath: string } }).style.clipPath)
  expect(await clipped()).toBe('inset(0px 0px 0px 50%)')
  await page.getByRole('slider', { name: 'Before and after' }).fill('20')
  expect(await clipped()).toBe('inset(0px 0px 0px 20%)')

  await page.getByRole('radio', { name: 'Difference' }).click()
  // A cut-out of the product: lined up with the original, only the product compared, and nothing in it changed.
  await expect(page.getByRole('status').filter({ hasText: 'Red marks where the product itself differs' })).toBeVisible()
  const overlay = page.getByRole('img', { name: 'photo-02.jpg, result: where the result differs' })
  await expect.poll(() => overlay.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
})

/** The variant a tile shows and export writes: 'chosen' in review, or 'newest'. */
const shipped = (page: Page, name: string) => page.getByRole('option', { name, exact: true })

test('after an A/B run a chosen or approved variant still ships; a photo nobody chose is marked and listed before export', async ({ page }) => {
  const { handlers } = harness.app
  const before = reviewOf('photo-01.jpg').chosenResultId
  // photo-01 was approved (P) with its one variant in the culling test; photo-04 only got a label.
  expect(before).not.toBeNull()
  await handlers.setPreset({ operationId: 'photoroom.remove-background', values: { format: 'webp' } })
  await runAll()
  await handlers.setPreset({ operationId: 'pixelcut.remove-background', values: {} })
  await runAll()

  await page.goto(harness.url)
  await expect(shipped(page, 'photo-01.jpg')).toHaveAttribute('data-shipped', 'chosen')
  await expect(shipped(page, 'photo-01.jpg').getByTestId('newest-marker')).toHaveCount(0)
  expect(reviewOf('photo-01.jpg').chosenResultId).toBe(before)
  await expect(shipped(page, 'photo-04.jpg')).toHaveAttribute('data-shipped', 'newest')
  await expect(shipped(page, 'photo-04.jpg').getByTestId('newest-marker')).toHaveText('Newest')
  await screenshotSizes(page, 'shipped-variants')

  await openLoupe(page, 'photo-04.jpg')
  const variants = page.getByRole('list', { name: 'Variants' }).getByRole('listitem')
  await expect(variants).toHaveCount(3)
  await expect(variants.nth(0)).toContainText('Pixelcut background removal')
  await expect(variants.nth(1)).toContainText('Photoroom background removal')
  await expect(variants.nth(1)).toContainText('cost 1 credit')
  await expect(variants.nth(2)).toContainText('Photoroom background removal')
  // The newest ships until the user chooses another: here the first Photoroom run.
  await expect(page.getByRole('button', { name: 'Variant 3, output 1' })).toHaveAttribute('aria-pressed', 'true')
  const first = page.getByRole('button', { name: 'Variant 1, output 1' })
  await expect(first).toHaveAttribute('aria-pressed', 'false')
  await first.click()
  await expect(first).toHaveAttribute('aria-pressed', 'true')
  const photo = harness.app.catalog.listPhotos({ offset: 0, limit: 10 }).find((p) => p.name === 'photo-04.jpg')!
  expect(harness.app.catalog.review(photo.id)).toMatchObject({ chosenResultId: harness.app.catalog.results(photo.id).at(-1)!.id, chosenOutput: 0 })
  await page.keyboard.press('Escape')
  await expect(shipped(page, 'photo-04.jpg')).toHaveAttribute('data-shipped', 'chosen')

  // A later run, with other settings, adds a variant and does not change a choice.
  await handlers.setPreset({ operationId: 'photoroom.remove-background', values: { format: 'jpg' } })
  await runAll()
  expect(harness.app.catalog.results(photo.id)).toHaveLength(4)
  expect(harness.app.catalog.review(photo.id).chosenResultId).toBe(harness.app.catalog.results(photo.id).at(-1)!.id)

  // Before exporting every photo with a result: photo-03 would ship a variant nobody chose (photo-02 too,
  // but it was marked a reject in the culling test, and rejects are not exported).
  await toolbarAction(page, 'Export…')
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await dialog.getByLabel('Every photo with a result').check()
  const note = dialog.getByRole('note', { name: 'Variants nobody chose' })
  await expect(note).toContainText('1 photo will export the newest variant: none was chosen in the loupe.')
  await expect(note.getByRole('listitem')).toHaveText(['photo-03.jpg: Photoroom background removal, the newest of 4'])
  await screenshotSizes(page, 'export-unchosen')
})

test('an AI background can be made again: "Re-run with this seed" runs the photo with the seed it showed', async ({ page }) => {
  await harness.app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.prompt': 'on a marble counter' } })
  await runAll()
  await openLoupe(page, 'photo-03.jpg')
  const newest = page.getByRole('list', { name: 'Variants' }).getByRole('listitem').first()
  await expect(newest).toContainText(/background seed \d+/)
  // Its cost said as one, in the plan's unit (Photoroom's v2 counts images).
  await expect(newest).toContainText('cost 1 image')
  const seed = /background seed (\d+)/.exec((await newest.textContent()) ?? '')?.[1]
  expect(seed).toBeTruthy()
  const photo = harness.app.catalog.listPhotos({ offset: 0, limit: 10 }).find((p) => p.name === 'photo-03.jpg')!
  const before = harness.app.catalog.results(photo.id).length
  await newest.getByRole('button', { name: 'Re-run with this seed' }).click()
  // A paid run: its cost is confirmed first.
  await page.getByRole('dialog', { name: 'Re-run with this seed' }).getByRole('button', { name: 'Run 1 photo' }).click()
  await expect.poll(() => harness.app.catalog.results(photo.id).length, { timeout: 20_000 }).toBe(before + 1)
  expect(harness.app.catalog.results(photo.id)[0]).toMatchObject({ params: { 'background.prompt': 'on a marble counter', 'background.seed': Number(seed) }, facts: { aiBackgroundSeed: seed } })
})

test('export of the approved photos with a naming template and a manifest, from the window', async ({ page }) => {
  const photos = harness.app.catalog.listPhotos({ offset: 0, limit: 10 })
  await harness.app.handlers.setReview({ photoIds: photos.map((p) => p.id), flag: null })
  await harness.app.handlers.setReview({ photoIds: [photos[0]!.id, photos[2]!.id], flag: 'pick', rating: 4 })
  const outDir = join(dir, 'store')
  await page.goto(harness.url)
  await toolbarAction(page, 'Export…')
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await dialog.getByLabel('Export folder').fill(outDir)
  await dialog.getByLabel('Name template').fill('{n}-{name}-{provider}')
  await dialog.getByLabel('Format').selectOption('png')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText('2 written, 0 already up to date, 0 failed, in ')
  const files = readdirSync(outDir).sort()
  expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(2)
  expect(files).toEqual(expect.arrayContaining(['manifest.csv', 'manifest.json']))
  expect(files.filter((f) => f.endsWith('.xmp'))).toHaveLength(2)
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { source: string; output: string; rating: number }[] | { photos: unknown[] }
  expect(JSON.stringify(manifest)).toContain(photos[0]!.path)
  expect(files.filter((f) => f.endsWith('.png'))[0]).toMatch(/^001-photo-01-(photoroom|pixelcut)\.png$/)
})

test('the store check badges each photo and says how many fail the marketplace rules', async ({ page }) => {
  await page.goto(harness.url)
  await toolbarAction(page, 'Check for store…')
  const check = page.getByRole('dialog', { name: 'Check for store' })
  await check.getByLabel('Marketplace').selectOption('amazon')
  await check.getByRole('button', { name: 'Check', exact: true }).click()
  // The simulator's results are small cut-outs on transparency: none meets Amazon's rules.
  await expect(check.getByRole('status')).toHaveText('4 of 4 photos fail Amazon main image’s rules: filter the gallery by Store check to see them.')
  await check.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('option', { name: 'photo-01.jpg' }).getByText('✗ Amazon')).toBeVisible()
})
