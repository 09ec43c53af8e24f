import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import pkg from '../../package.json' with { type: 'json' }
import { IMAGE_SCHEME, REQUESTS, channelFor } from '../../src/shared/ipc/channels'
import { secureWebPreferences } from '../../src/main/electron/window-security'
import { tempDir } from '../helpers/photos'

const run = promisify(execFile)

/**
 * The built main process, started under Node with Electron's API stood in for (the binary cannot be
 * downloaded here): it must load every module it imports and set up a launchable, hardened app.
 */
test('the built app starts: hardened window on the built renderer, every contract channel registered, image scheme, menu', async () => {
  const main = resolve('out/main/index.js')
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first (npm test does).`)
  const dir = tempDir()
  const recordFile = join(dir, 'record.json')
  await run(process.execPath, ['--import', pathToFileURL(resolve('test/fixtures/electron-stub/register.mjs')).href, main], {
    env: { PATH: process.env['PATH'], HOME: dir, PROOFSHEET_USER_DATA: join(dir, 'user-data'), PROOFSHEET_STATE_DIR: join(dir, 'state'), ELECTRON_STUB_RECORD: recordFile, ELECTRON_STUB_VERSION: pkg.version },
    timeout: 20_000
  })
  const record = JSON.parse(readFileSync(recordFile, 'utf8'))
  expect(record.singleInstance).toBe(true)
  expect(record.permissionHandler).toBe(true)
  expect(record.ipcHandle.sort()).toEqual(REQUESTS.map(channelFor).sort())
  // Nothing listens outside the contract (electron-store's own listener for renderers is removed).
  expect(record.ipcOn).toEqual([])
  expect(record.schemes).toEqual([{ scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true } }])
  expect(record.protocols).toEqual([IMAGE_SCHEME])
  expect(record.menu).toEqual(['File', 'Edit', 'Photo', 'viewMenu', 'windowMenu', 'help'])

  const [window] = record.windows
  expect(window.options.webPreferences).toMatchObject(secureWebPreferences)
  expect(existsSync(window.options.webPreferences.preload)).toBe(true)
  expect(existsSync(fileURLToPath(window.url))).toBe(true)
  expect(window.openHandler).toBe(true)
  expect(window.events).toEqual(expect.arrayContaining(['will-navigate', 'will-attach-webview']))
  // electron-store wrote the settings where the app reads them, under the name the code expects.
  expect(existsSync(join(dir, 'user-data', 'settings.json'))).toBe(true)
})
