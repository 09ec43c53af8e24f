import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import pkg from '../../package.json' with { type: 'json' }
import { electronBuildPath } from '../../src/main/catalog/native-binding'
import { IMAGE_SCHEME, REQUESTS, channelFor } from '../../src/shared/ipc/channels'
import { COMMANDS } from '../../src/shared/commands'
import { secureWebPreferences } from '../../src/main/electron/window-security'
import { makePhotos, tempDir } from '../helpers/photos'

interface Launch {
  code: number | null
  stderr: string
  record: Record<string, unknown> & { [key: string]: any } // eslint-disable-line @typescript-eslint/no-explicit-any
  dir: string
}

/**
 * The built main process, started under Node with Electron's API stood in for (the binary cannot be
 * downloaded here; test/fixtures/electron-stub is as strict as Electron where it matters): process
 * looks like Electron, `ready` comes after the entry module, early calls throw, quitting is Electron's
 * sequence, IPC values must survive a structured clone.
 */
async function launch(options: { appPath?: string; scenario?: 'start' | 'drive'; quit?: 'will-quit'; pick?: string[] } = {}): Promise<Launch> {
  const main = resolve('out/main/index.js')
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first (npm test does).`)
  const dir = tempDir()
  const recordFile = join(dir, 'record.json')
  const env = {
    PATH: process.env['PATH'],
    HOME: dir,
    PROOFSHEET_USER_DATA: join(dir, 'user-data'),
    PROOFSHEET_STATE_DIR: join(dir, 'state'),
    ELECTRON_STUB_RECORD: recordFile,
    ELECTRON_STUB_VERSION: pkg.version,
    ELECTRON_STUB_SCENARIO: options.scenario ?? 'start',
    ...(options.appPath ? { ELECTRON_STUB_APP_PATH: options.appPath } : {}),
    ...(options.quit ? { ELECTRON_STUB_QUIT: options.quit } : {}),
    ...(options.pick ? { ELECTRON_STUB_PICK: options.pick.join('\n') } : {})
  }
  const stub = (name: string): string => resolve('test/fixtures/electron-stub', name)
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
    execFile(process.execPath, ['--import', `file://${stub('register.mjs')}`, stub('run.mjs'), main], { env, timeout: 40_000 }, (error, _stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr })
    )
  })
  if (!existsSync(recordFile)) throw new Error(`The stand-in wrote no record (exit ${code}):\n${stderr}`)
  return { code, stderr, record: JSON.parse(readFileSync(recordFile, 'utf8')), dir }
}

/** An app folder whose Electron build of better-sqlite3 is the Node build: the ABI this stand-in (Node) loads. */
function appWithNativeBuild(): string {
  const appPath = tempDir('proofsheet-app-')
  const target = electronBuildPath(join(appPath, 'node_modules'))
  mkdirSync(dirname(target), { recursive: true })
  const nodeBuild = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node')
  copyFileSync(nodeBuild, target)
  return appPath
}

test('without the Electron build of the catalog module, start-up fails loudly: an error box saying how to rebuild, the log file, exit 1', async () => {
  const { code, record, dir } = await launch()
  expect(code).toBe(1)
  expect(record.errorBox).toMatchObject({ title: 'Proofsheet could not start', visible: true })
  expect(record.errorBox.content).toMatch(/has not been built for Electron; Electron 39\.8\.9 needs ABI \d+\. Rebuild it .*"npm run rebuild:electron"/)
  const logFile = join(dir, 'user-data', 'logs', 'main.log')
  expect(record.errorBox.content).toContain(`Details are in the log file ${logFile}`)
  expect(readFileSync(logFile, 'utf8')).toMatch(/ERROR Proofsheet could not start: Error: Proofsheet's catalog module/)
  // No window was ever made, so none is left behind.
  expect(record.windows).toEqual([])
})

test('the built app starts as Electron runs it: hardened window shown at ready-to-show, every contract channel, image scheme, menu with the shortcuts', async () => {
  const { code, record, dir } = await launch({ appPath: appWithNativeBuild() })
  expect(code).toBe(0)
  expect(record.errorBox).toBeNull()
  expect(record.singleInstance).toBe(true)
  expect(record.permissionHandler).toBe(true)
  expect(record.ipcHandle.sort()).toEqual(REQUESTS.map(channelFor).sort())
  // Nothing listens outside the contract (electron-store's own listener for renderers is removed).
  expect(record.ipcOn).toEqual([])
  expect(record.schemes).toEqual([{ scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true } }])
  expect(record.protocols).toEqual([IMAGE_SCHEME])
  expect(record.menu.map((m: { label: string }) => m.label)).toEqual(['File', 'Edit', 'Photo', 'viewMenu', 'windowMenu', 'help'])
  const items = record.menu.flatMap((m: { submenu?: unknown[] }) => m.submenu ?? []) as { label: string; accelerator?: string; registerAccelerator?: boolean }[]
  for (const command of COMMANDS) {
    // Listed with its shortcut, which the window handles (so typing in a field keeps its keys).
    expect(items).toContainEqual(expect.objectContaining({ label: command.label, registerAccelerator: false, ...(command.accelerator ? { accelerator: command.accelerator } : {}) }))
  }

  const [window] = record.windows
  expect(window.options.show).toBe(false)
  expect(window.visibleBeforeReadyToShow).toBe(false)
  expect(window.shown).toBe(true)
  expect(window.options.webPreferences).toMatchObject(secureWebPreferences)
  expect(existsSync(window.options.webPreferences.preload)).toBe(true)
  expect(existsSync(fileURLToPath(window.url))).toBe(true)
  expect(window.openHandler).toBe(true)
  expect(window.events).toEqual(expect.arrayContaining(['will-navigate', 'will-attach-webview', 'render-process-gone']))
  // electron-store wrote the settings where the app reads them, under the name the code expects; the log is beside them.
  expect(existsSync(join(dir, 'user-data', 'settings.json'))).toBe(true)
  expect(readFileSync(join(dir, 'user-data', 'logs', 'main.log'), 'utf8')).toMatch(/INFO sharp: wasm32 build/)
  // Quitting: before-quit held while main's services close, then the app quits again and exits.
  expect(record.quitEvents).toEqual([
    { event: 'before-quit', prevented: true },
    { event: 'before-quit', prevented: false },
    { event: 'will-quit', prevented: false }
  ])
  expect(record.catalogWalLeft).toBe(false)
})

test('driven like a window: requests answered with clonable values, a foreign frame refused, photos added through the picker and the menu, thumbnails through the image scheme', async () => {
  const photos = tempDir('proofsheet-photos-')
  await makePhotos(photos, 2)
  const { code, record } = await launch({ appPath: appWithNativeBuild(), scenario: 'drive', pick: [photos] })
  expect(code).toBe(0)
  expect(record.notCloneable).toEqual([])
  expect(record.state).toMatchObject({ ok: true, value: { typedPaths: false, keys: [] } })
  expect(record.fromIframe).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  expect(record.added).toEqual({ ok: true, value: { added: 2, skipped: [] } })
  expect(record.pickers[0]).toMatchObject({ title: 'Add photos' })
  // The menu item is carried out by the window, as its button: main only says which command.
  const commands = record.sent.filter((s: { channel: string }) => s.channel === channelFor('command')).map((s: { payload: string }) => s.payload)
  expect(commands).toEqual(['add-photos'])
  // Key statuses follow the first state.
  expect(record.sent.filter((s: { channel: string }) => s.channel === channelFor('keys'))).toHaveLength(3)
  // Made by sharp's WebAssembly build: the stand-in is "Electron on Linux".
  expect(record.thumbnail).toMatchObject({ status: 200, type: 'image/jpeg', jpeg: true })
  expect(record.missingThumbnail).toBe(404)
})

test('will-quit, fired as Electron does, is held until main has closed (the catalog closed cleanly), then the app quits', async () => {
  const { code, record } = await launch({ appPath: appWithNativeBuild(), quit: 'will-quit' })
  expect(code).toBe(0)
  expect(record.quitEvents).toEqual([
    { event: 'will-quit', prevented: true },
    { event: 'before-quit', prevented: false },
    { event: 'will-quit', prevented: false }
  ])
  expect(record.catalogWalLeft).toBe(false)
})
