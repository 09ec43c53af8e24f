// How better-sqlite3 is built for Electron: shared by scripts/rebuild-native.mjs and its test.
import { join } from 'node:path'

/** The folder beside node_modules' own better-sqlite3 that holds the Electron build (see src/main/catalog/native-binding.ts). */
export function electronBuildFolder(nodeModules) {
  return join(nodeModules, '.proofsheet-electron')
}

/**
 * Options for @electron/rebuild 4: no `buildFromSource`, so it installs better-sqlite3's prebuilt binary
 * for Electron's ABI (prebuild-install) and compiles (node-gyp 10+) only when there is none for this
 * platform. Forcing a source build made every user need a C++ toolchain, and node-gyp 9 fails on
 * Python 3.12 (nodejs/node-gyp#2869). projectRootPath keeps the rebuild inside the copy.
 */
export function electronRebuildOptions({ buildPath, electronVersion }) {
  return { buildPath, projectRootPath: buildPath, electronVersion, onlyModules: ['better-sqlite3'], force: true }
}
