// Builds better-sqlite3 a second time, for Electron's ABI, into its own folder beside the Node build,
// so tests and the command line keep loading the build npm made. The app finds the Electron build with
// src/main/catalog/native-binding.ts, which expects this same layout. `npm run rebuild:electron` runs
// it again by hand.
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import { electronBuildFolder, electronRebuildOptions } from './electron-rebuild-options.mjs'

const require = createRequire(import.meta.url)

function skipReason() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set'
  try {
    if (existsSync(require('electron'))) return null
  } catch {
    // electron/index.js throws when its download did not happen.
  }
  return 'the Electron binary is not installed'
}

const reason = skipReason()
if (reason) {
  console.log(`Electron rebuild of better-sqlite3 skipped: ${reason}. The app needs it; tests and the CLI use the Node build.`)
  process.exit(0)
}

const electronVersion = require('electron/package.json').version
const source = dirname(require.resolve('better-sqlite3/package.json'))
const { version } = require('better-sqlite3/package.json')
const buildPath = electronBuildFolder(dirname(source))
const target = join(buildPath, 'node_modules', 'better-sqlite3')
const nodeBuild = join(source, 'build')

rmSync(buildPath, { recursive: true, force: true })
cpSync(source, target, { recursive: true, filter: (path) => path !== nodeBuild && !path.startsWith(nodeBuild + sep) })
writeFileSync(join(buildPath, 'package.json'), JSON.stringify({ name: 'proofsheet-electron-native', private: true, dependencies: { 'better-sqlite3': version } }))

const { rebuild } = await import('@electron/rebuild')
try {
  await rebuild(electronRebuildOptions({ buildPath, electronVersion }))
} catch (error) {
  // The install itself goes on: tests and the command line use the Node build; the app says at start what to run.
  console.warn(
    `Could not get better-sqlite3 for Electron ${electronVersion} (no prebuilt binary for this system, and compiling failed: ${error instanceof Error ? error.message : error}).\n` +
      'Install a C++ toolchain (Xcode Command Line Tools, Visual Studio Build Tools, or build-essential and python3), then run "npm run rebuild:electron".'
  )
  process.exit(0)
}
console.log(`better-sqlite3 for Electron ${electronVersion} is in ${target}.`)
