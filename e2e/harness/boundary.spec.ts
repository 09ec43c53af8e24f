import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import type { PickerPurpose } from '../../src/main/handlers/context'
import { Keychain } from '../../src/main/keychain/keychain'
import { DEMO_KEYS } from '../../src/simulator/options'
import { Simulator } from '../../src/simulator/server'
import { makePhotos, tempDir } from '../../test/helpers/photos'
import { startHarness, type Harness } from './server'
import { toolbarAction } from './toolbar'

/**
 * The window as the app runs it, with typed paths off: folders reach main only from its pickers (here
 * scripted per purpose), and the page is treated as what it may become, compromised. Each refusal below
 * is asked for straight through `window.proofsheet`, as injected script would.
 */
let simulator: Simulator
let harness: Harness
let dir: string
const picks: Partial<Record<PickerPurpose, string>> = {}
const service = `Proofsheet e2e ${randomBytes(4).toString('hex')}`

test.beforeAll(async () => {
  dir = tempDir('proofsheet-boundary-')
  await makePhotos(join(dir, 'shoot'), 3, { width: 300, height: 200 })
  mkdirSync(join(dir, 'home', '.config', 'autostart'), { recursive: true })
  writeFileSync(join(dir, 'home', 'secret.png'), readFileSync(join(dir, 'shoot', 'photo-03.jpg')))
  simulator = await new Simulator({ profiles: { photoroom: { latencyMs: 20, rateLimit: null, retryAfter: true } } }).start()
  harness = await startHarness({
    rendererDir: resolve('out/renderer'),
    dataDir: join(dir, 'data'),
    stateDir: join(dir, 'state'),
    keychainService: service,
    urls: simulator.urls,
    typedPaths: false,
    pickPaths: (purpose) => (picks[purpose] ? [picks[purpose]] : [])
  })
  // As the user would: "Add photos…" answered by the picker, and the key saved.
  picks.photos = join(dir, 'shoot')
  await harness.app.handlers.pickAndAdd(undefined)
  await harness.app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
})

test.afterAll(async () => {
  await new Keychain(service).delete('photoroom').catch(() => undefined)
  await harness?.close()
  await simulator?.close()
})

/** What an injected script gets back for a request it makes itself. */
function ask(page: Page, name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(([name, input]) => (globalThis as unknown as { proofsheet: Record<string, (i: unknown) => Promise<never>> }).proofsheet[name as string]!(input), [name, input] as const)
}

const charges = (): number => simulator.stats().providers.photoroom.byPath['/v1/segment'] ?? 0

test('the window proposes, main decides: no path, spending or cap change of its own; the same work through main’s own pickers and confirmations goes through', async ({ page }) => {
  test.setTimeout(90_000)
  await page.goto(harness.url)
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()

  // Paths of the window's own choosing are refused alike, whether or not they exist: no oracle.
  const chooseOutput = 'Choose the output folder with its Choose… button.'
  for (const path of [join(dir, 'home', '.config', 'autostart'), join(dir, 'home', 'nowhere'), join(dir, 'shoot', '..', 'home'), join(dir, 'shoot', '.hidden')]) {
    expect(await ask(page, 'updateSettings', { outputFolder: path })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: chooseOutput } })
  }
  expect(await ask(page, 'updateSettings', { outputFolder: 'relative/out' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  expect(await ask(page, 'startExport', { options: { outDir: join(dir, 'home', '.config', 'autostart') } })).toMatchObject({ ok: false, error: { message: 'Choose the export folder with its Choose… button.' } })
  for (const csv of ['/etc/passwd', '/etc', join(dir, 'nope.csv')]) {
    const refused = await ask(page, 'startExport', { options: { outDir: join(dir, 'shoot', 'export'), sku: { csv } } })
    expect(refused, csv).toMatchObject({ ok: false, error: { message: 'Choose the SKU file with its Choose… button.' } })
  }
  expect(await ask(page, 'startExport', { options: { outDir: join(dir, 'shoot', 'export'), flavour: 'x' } })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('flavour') } })
  expect(readdirSync(join(dir, 'home', '.config', 'autostart'))).toEqual([])

  // The output folder through main's picker.
  picks['output-folder'] = join(dir, 'out')
  await page.getByRole('button', { name: 'Choose…' }).click()
  await expect(page.getByLabel('Output folder')).toHaveText(join(dir, 'out'))

  // Spending only from main's confirmation: none, a made-up token, or one for other photos are refused.
  expect(await ask(page, 'startBatch', {})).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('confirmation') } })
  expect(await ask(page, 'startBatch', { confirmation: 'made-up' })).toMatchObject({ ok: false })
  const forOne = (await ask(page, 'confirmRun', { photoIds: [1] })) as { value: { confirmation: string } }
  expect(await ask(page, 'startBatch', { confirmation: forOne.value.confirmation })).toMatchObject({ ok: false })
  expect(await ask(page, 'startBatch', { photoIds: [1], confirmation: forOne.value.confirmation })).toMatchObject({ ok: false })
  expect(charges()).toBe(0)

  // The cap: set to 2 freely (lowering needs no asking), never raised or lifted without main's question.
  await page.getByLabel('Budget cap').fill('2')
  await page.getByRole('button', { name: 'Set cap' }).click()
  await expect.poll(() => harness.app.settings.get().budgetCap).toBe(2)
  expect(await ask(page, 'updateSettings', { budgetCap: null })).toMatchObject({ ok: false, error: { message: expect.stringContaining('asked first') } })
  const forTen = (await ask(page, 'confirmBudgetCap', { budgetCap: 10 })) as { value: { confirmation: string; question: string } }
  expect(forTen.value.question).toBe('Raise the budget cap from 2 to 10?')
  expect(await ask(page, 'updateSettings', { budgetCap: null, confirmation: forTen.value.confirmation })).toMatchObject({ ok: false })
  expect(harness.app.settings.get().budgetCap).toBe(2)

  // Through the window's own confirm dialog, the run goes, within the cap.
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: 'Run 3 photos' }).click()
  await expect(page.getByTestId('queue-status')).toContainText('Budget cap of 2 credits reached', { timeout: 30_000 })
  expect(charges()).toBe(2)
})

test('exporting into the folder of the originals asks first, and replaces none of them', async ({ page }) => {
  const shoot = join(dir, 'shoot')
  const originals = new Map(readdirSync(shoot).filter((f) => f.endsWith('.jpg')).map((f) => [f, readFileSync(join(shoot, f))]))
  await harness.app.handlers.setReview({ photoIds: harness.app.catalog.photoIds(), flag: 'pick' })
  await page.goto(harness.url)
  await toolbarAction(page, 'Export…')
  const dialog = page.getByRole('dialog', { name: 'Export' })
  picks['export-folder'] = shoot
  await dialog.getByRole('button', { name: 'Choose…' }).click()
  await expect(dialog.getByLabel('Export folder')).toHaveText(shoot)
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText(`${shoot} holds 3 of your original photos. Export there anyway?`)
  expect(existsSync(join(shoot, 'manifest.csv'))).toBe(false)
  await dialog.getByRole('button', { name: 'Export there anyway' }).click()
  await expect(dialog.getByRole('status')).toContainText('2 written, 0 already up to date, 1 failed, in ')
  await expect(dialog.getByRole('status')).toContainText('taken by files Proofsheet did not write')
  for (const [file, bytes] of originals) expect(readFileSync(join(shoot, file)).equals(bytes), file).toBe(true)
})

test('the image protocol does not serve a photo replaced by a link to a file outside its folder', async ({ page }) => {
  await page.goto(harness.url)
  const photo = harness.app.catalog.listPhotos({ offset: 0, limit: 10 }).find((p) => p.name === 'photo-02.jpg')!
  const status = (kind: string): Promise<number> => page.evaluate(async (url) => (await fetch(url)).status, `/image/${kind}/${photo.id}`)
  expect(await status('original')).toBe(200)
  rmSync(photo.path)
  symlinkSync(join(dir, 'home', 'secret.png'), photo.path)
  for (const kind of ['original', 'preview', 'thumb']) expect(await status(kind), kind).toBe(404)
})
