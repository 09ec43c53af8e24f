import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { electronBuildPath, nativeBinding } from '../../src/main/catalog/native-binding'
import { tempDir } from '../helpers/photos'

const run = promisify(execFile)

test.each([
  ['ELECTRON_SKIP_BINARY_DOWNLOAD is set', { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }],
  // electron/index.js resolves the binary under this folder, where there is none.
  ['the Electron binary is not installed', { ELECTRON_OVERRIDE_DIST_PATH: tempDir() }]
])('the postinstall rebuild skips with one line when %s', async (reason, env) => {
  const { stdout, stderr } = await run(process.execPath, ['scripts/rebuild-native.mjs'], { env: { PATH: process.env['PATH'], ...env } })
  expect(stdout).toBe(`Electron rebuild of better-sqlite3 skipped: ${reason}. The app needs it; tests and the CLI use the Node build.\n`)
  expect(stderr).toBe('')
})

test('the Electron build is used only under Electron and only once it exists', () => {
  const nodeModules = tempDir()
  const electron = { ...process.versions, electron: '39.8.9' }
  expect(nativeBinding(electron, nodeModules)).toBeUndefined()
  expect(nativeBinding(process.versions, nodeModules)).toBeUndefined()

  const built = electronBuildPath(nodeModules)
  mkdirSync(dirname(built), { recursive: true })
  writeFileSync(built, '')
  expect(nativeBinding(electron, nodeModules)).toBe(built)
  expect(nativeBinding(process.versions, nodeModules)).toBeUndefined()
  expect(built).toBe(join(nodeModules, '.proofsheet-electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))
})
