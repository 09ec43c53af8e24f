import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { urlsToEnv } from '../../src/engine/providers/registry'
import { Keychain } from '../../src/main/keychain/keychain'
import { DEMO_KEYS } from '../../src/simulator/options'
import { Simulator } from '../../src/simulator/server'
import { makePhotos, tempDir } from '../../test/helpers/photos'

/** The `electron` package resolves to its binary's path, and throws when the binary was never downloaded. */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as string
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const WHY_SKIPPED = 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the tests that launch the real app are skipped. They run wherever `npm install` could download Electron.'
if (binary === null) console.warn(`e2e/electron: ${WHY_SKIPPED}`)
test.skip(binary === null, WHY_SKIPPED)
test.describe.configure({ mode: 'serial' })

let app: ElectronApplication
let page: Page
let simulator: Simulator
let dir: string

/** The app as `npm start` runs it: `electron .`, so package.json names it and its main is the built one. */
async function launch(): Promise<void> {
  app = await electron.launch({
    executablePath: binary ?? undefined,
    args: ['.', ...(process.env['NO_SANDBOX'] === '1' ? ['--no-sandbox'] : [])],
    cwd: resolve('.'),
    env: {
      ...process.env,
      PROOFSHEET_USER_DATA: join(dir, 'user-data'),
      PROOFSHEET_STATE_DIR: join(dir, 'state'),
      ...urlsToEnv(simulator.urls)
    }
  })
  page = await app.firstWindow()
}

test.beforeAll(async () => {
  dir = tempDir('proofsheet-electron-')
  await makePhotos(join(dir, 'shoot'), 6)
  // Slow answers, so a quit lands while requests are on the wire.
  simulator = await new Simulator({ profiles: { photoroom: { latencyMs: 1500, latencyJitterMs: 100, rateLimit: null, retryAfter: true } } }).start()
  await launch()
})

test.afterAll(async () => {
  await app?.close().catch(() => undefined)
  // The app keeps keys under its own service name: the test's key goes (scripts/with-keyring.sh gives the run a private keyring).
  await new Keychain('Proofsheet').delete('photoroom').catch(() => undefined)
  await simulator?.close()
})

test('first start: the window is named Proofsheet, has no Node and sees only the contract', async () => {
  await expect(page).toHaveTitle('Proofsheet')
  expect(await app.evaluate(({ app: electronApp }) => electronApp.getName())).toBe('Proofsheet')
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    api: Object.keys((globalThis as unknown as { proofsheet: object }).proofsheet).sort()
  }))
  expect(globals.require).toBe('undefined')
  expect(globals.process).toBe('undefined')
  expect(globals.api).toContain('startBatch')
  expect(globals.api).not.toContain('ipcRenderer')
  await expect(page.getByRole('button', { name: 'Add photos…' })).toBeVisible()
})

test('navigation away and new windows are refused', async () => {
  const before = page.url()
  await page.evaluate(() => {
    const w = globalThis as unknown as { open(url: string): void; location: { href: string } }
    w.open('https://example.com/')
    w.location.href = 'https://example.com/'
  })
  await page.waitForTimeout(500)
  expect(page.url()).toBe(before)
  expect(app.windows()).toHaveLength(1)
})

test('adding a folder through the native picker shows its photos with thumbnails (sharp in main)', async () => {
  const folder = join(dir, 'shoot')
  // The native dialog cannot be clicked by a test: it answers with the folder, as a user choosing it would.
  await app.evaluate(({ dialog }, paths) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: paths })) as typeof dialog.showOpenDialog
  }, [folder])
  await page.getByRole('button', { name: 'Add photos…' }).click()
  await expect(page.getByRole('heading', { name: 'Photos (6)' })).toBeVisible()
  const thumb = page.getByRole('img', { name: 'photo-01.jpg' })
  await expect.poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
})

test('a run against the simulator, then quitting mid-run: the requests on the wire are answered and kept', async () => {
  await app.evaluate(({ dialog }, paths) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: paths })) as typeof dialog.showOpenDialog
  }, [join(dir, 'out')])
  await page.getByRole('textbox', { name: 'API key', exact: true }).fill(DEMO_KEYS.photoroom)
  await page.getByRole('button', { name: 'Save key' }).click()
  await expect(page.getByTestId('key-status')).toHaveText(/^Key saved/)
  // The output folder: typed where the window has a field for it, else picked (the dialog above answers).
  const field = page.getByLabel('Output folder')
  if (await field.isEditable().catch(() => false)) await field.fill(join(dir, 'out'))
  await page.getByRole('button', { name: /Set folder|Choose/ }).first().click()
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: 'Run 6 photos' }).click()
  await expect(page.getByTestId('queue-status')).toContainText('Running')
  // Quit as the menu's Quit does, while requests are on the wire.
  const exited = new Promise<void>((done) => app.process().once('exit', () => done()))
  await app.evaluate(({ app: electronApp }) => electronApp.quit())
  await exited
  const charged = 1000 - (simulator.stats().balances['photoroom:photoroom-demo'] ?? 1000)
  const written = readdirSync(join(dir, 'out'), { recursive: true }).filter((name) => /\.(png|jpe?g|webp)$/i.test(String(name)))
  expect(charged).toBeGreaterThan(0)
  // Every photo paid for has its result written: nothing bought was thrown away by quitting.
  expect(written).toHaveLength(charged)

  // Started again, the app shows the kept results, and a new run buys only the photos still missing.
  await launch()
  await expect(page.getByRole('heading', { name: 'Photos (6)' })).toBeVisible()
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: /^Run \d+ photos?$/ }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 6 \/ 6/, { timeout: 30_000 })
  expect(1000 - (simulator.stats().balances['photoroom:photoroom-demo'] ?? 1000)).toBe(6)
})
