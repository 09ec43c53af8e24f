// Builds better-sqlite3 a second time, for Electron's ABI, into its own folder beside the Node build,
// so tests and the command line keep loading the build npm made. The app finds the Electron build with
// src/main/catalog/native-binding.ts, which expects this same layout.
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'

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
const buildPath = join(dirname(source), '.proofsheet-electron')
const target = join(buildPath, 'node_modules', 'better-sqlite3')
const nodeBuild = join(source, 'build')

rmSync(buildPath, { recursive: true, force: true })
cpSync(source, target, { recursive: true, filter: (path) => path !== nodeBuild && !path.startsWith(nodeBuild + sep) })
writeFileSync(join(buildPath, 'package.json'), JSON.stringify({ name: 'proofsheet-electron-native', private: true, dependencies: { 'better-sqlite3': version } }))

const { rebuild } = require('@electron/rebuild')
try {
  // From source, as the Node build is; projectRootPath keeps the rebuild inside the copy.
  await rebuild({ buildPath, projectRootPath: buildPath, electronVersion, onlyModules: ['better-sqlite3'], force: true, buildFromSource: true })
} catch (error) {
  console.error(`Could not build better-sqlite3 for Electron ${electronVersion}: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
}
console.log(`better-sqlite3 built for Electron ${electronVersion} in ${target}.`)
