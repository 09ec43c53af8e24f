import { execFile } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { electronRebuildOptions } from '../../scripts/electron-rebuild-options.mjs'
import { electronBuildPath, moduleAbi, nativeBinding } from '../../src/main/catalog/native-binding'
import { tempDir } from '../helpers/photos'

const run = promisify(execFile)
const require = createRequire(import.meta.url)
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node')

test.each([
  ['ELECTRON_SKIP_BINARY_DOWNLOAD is set', { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }],
  // electron/index.js resolves the binary under this folder, where there is none.
  ['the Electron binary is not installed', { ELECTRON_OVERRIDE_DIST_PATH: tempDir() }]
])('the postinstall rebuild skips with one line when %s', async (reason, env) => {
  const { stdout, stderr } = await run(process.execPath, ['scripts/rebuild-native.mjs'], { env: { PATH: process.env['PATH'], ...env } })
  expect(stdout).toBe(`Electron rebuild of better-sqlite3 skipped: ${reason}. The app needs it; tests and the CLI use the Node build.\n`)
  expect(stderr).toBe('')
})

test('the rebuild for Electron takes the prebuilt binary first: no forced compile, and its fallback compiler is node-gyp 10 or newer', () => {
  const options = electronRebuildOptions({ buildPath: '/b', electronVersion: '39.8.9' })
  expect(options.buildFromSource).toBeUndefined()
  expect(options).toMatchObject({ onlyModules: ['better-sqlite3'], projectRootPath: '/b' })
  // node-gyp as @electron/rebuild itself resolves it (9.x imports distutils, gone from Python 3.12).
  const fromRebuild = createRequire(require.resolve('@electron/rebuild'))
  const { version } = JSON.parse(readFileSync(fromRebuild.resolve('node-gyp/package.json'), 'utf8')) as { version: string }
  expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(10)
})

test('run as the install runs it, the rebuild asks prebuild-install for Electron’s binary before any compile', async () => {
  // A copy laid out as scripts/rebuild-native.mjs lays it out, inside node_modules (prebuild-install is found from there).
  const buildPath = resolve(`node_modules/.rebuild-probe-${process.pid}`)
  const source = dirname(require.resolve('better-sqlite3/package.json'))
  rmSync(buildPath, { recursive: true, force: true })
  cpSync(source, join(buildPath, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) })
  writeFileSync(join(buildPath, 'package.json'), JSON.stringify({ name: 'probe', private: true, dependencies: { 'better-sqlite3': '*' } }))
  const script = `const { rebuild } = await import(${JSON.stringify(require.resolve('@electron/rebuild'))})
    const { electronRebuildOptions } = await import(${JSON.stringify(resolve('scripts/electron-rebuild-options.mjs'))})
    await rebuild(electronRebuildOptions({ buildPath: ${JSON.stringify(buildPath)}, electronVersion: '39.8.9' })).then(() => console.error('REBUILT'), (e) => console.error('FAILED', e.message))`
  try {
    const { stderr } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env['PATH'], HOME: process.env['HOME'], DEBUG: 'electron-rebuild' }, timeout: 120_000, maxBuffer: 16 << 20 })
    const prebuilt = stderr.indexOf('triggering prebuild download step: better-sqlite3')
    expect(prebuilt, stderr.slice(0, 2000)).toBeGreaterThanOrEqual(0)
    expect(stderr).toMatch(/prebuild-install\/bin\.js .*--runtime=electron --target=39\.8\.9/)
    // Offline (as here) the download fails and only then does node-gyp try; with a network the prebuilt is used.
    const compiled = stderr.indexOf('rebuilding better-sqlite3 with args')
    if (compiled >= 0) expect(compiled).toBeGreaterThan(prebuilt)
    else expect(stderr).toContain('REBUILT')
  } finally {
    rmSync(buildPath, { recursive: true, force: true })
  }
})

test('the ABI of a native module is read from its register symbol', () => {
  expect(moduleAbi(readFileSync(nodeBuild))).toBe(Number(process.versions.modules))
  expect(moduleAbi(Buffer.from('no addon here'))).toBeUndefined()
})

test('under Electron the catalog loads only a build for its ABI, and otherwise says how to rebuild it', () => {
  const nodeModules = tempDir()
  const electron = { ...process.versions, electron: '39.8.9', modules: '140' }
  const missing = /better-sqlite3\) has not been built for Electron; Electron 39\.8\.9 needs ABI 140\. Rebuild it .*"npm run rebuild:electron"/
  expect(() => nativeBinding({ versions: electron, nodeModules })).toThrow(missing)
  expect(nativeBinding({ versions: process.versions, nodeModules })).toBeUndefined()
  expect(nativeBinding({ versions: electron, nodeModules, packaged: true })).toBeUndefined()

  const built = electronBuildPath(nodeModules)
  expect(built).toBe(join(nodeModules, '.proofsheet-electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))
  mkdirSync(dirname(built), { recursive: true })
  writeFileSync(built, '')
  expect(() => nativeBinding({ versions: electron, nodeModules })).toThrow(missing)
  // The Node build where the Electron build belongs: Electron could not load it.
  copyFileSync(nodeBuild, built)
  expect(() => nativeBinding({ versions: electron, nodeModules })).toThrow(`was built for another runtime (ABI ${process.versions.modules})`)
  expect(nativeBinding({ versions: { ...electron, modules: process.versions.modules }, nodeModules })).toBe(built)
})

const abiFile = resolve('node_modules/electron/abi_version')
const hasElectronBinary = ((): boolean => {
  try {
    return existsSync(require('electron') as string)
  } catch {
    return false
  }
})()

test.skipIf(!existsSync(abiFile) || !hasElectronBinary)('the Electron build npm install made exports the register symbol of the installed Electron ABI', () => {
  const abi = Number(readFileSync(abiFile, 'utf8').trim())
  const built = electronBuildPath(resolve('node_modules'))
  expect(existsSync(built), `${built} is missing: run "npm run rebuild:electron"`).toBe(true)
  expect(readFileSync(built).includes(`node_register_module_v${abi}`)).toBe(true)
})
if (!hasElectronBinary) console.warn('catalog-native: no Electron binary here (ELECTRON_SKIP_BINARY_DOWNLOAD=1), so no Electron build of better-sqlite3 to scan; the scan runs where npm install downloaded Electron.')
