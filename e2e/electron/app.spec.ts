import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { urlsToEnv } from '../../src/engine/providers/registry'
import { Simulator } from '../../src/simulator/server'
import { tempDir } from '../../test/helpers/photos'

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

let app: ElectronApplication
let simulator: Simulator

test.beforeAll(async () => {
  simulator = await new Simulator().start()
  const dir = tempDir('proofsheet-electron-')
  app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [resolve('out/main/index.js')],
    env: {
      ...process.env,
      PROOFSHEET_USER_DATA: join(dir, 'user-data'),
      PROOFSHEET_STATE_DIR: join(dir, 'state'),
      ...urlsToEnv(simulator.urls)
    }
  })
})

test.afterAll(async () => {
  await app?.close()
  await simulator?.close()
})

test('the renderer has no Node and sees only the contract', async () => {
  const page = await app.firstWindow()
  await expect(page).toHaveTitle('Proofsheet')
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    api: Object.keys((globalThis as unknown as { proofsheet: object }).proofsheet).sort()
  }))
  expect(globals.require).toBe('undefined')
  expect(globals.process).toBe('undefined')
  expect(globals.api).toContain('startBatch')
  expect(globals.api).not.toContain('ipcRenderer')
})

test('navigation away and new windows are refused', async () => {
  const page = await app.firstWindow()
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

test('requests reach main and answer through the contract', async () => {
  const page = await app.firstWindow()
  const state = await page.evaluate(() => (globalThis as unknown as { proofsheet: { getState(input: undefined): Promise<{ ok: boolean; value: { typedPaths: boolean } }> } }).proofsheet.getState(undefined))
  expect(state).toMatchObject({ ok: true, value: { typedPaths: false } })
  await expect(page.getByRole('button', { name: 'Add photos…' })).toBeVisible()
})
