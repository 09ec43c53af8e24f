import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where scripts/rebuild-native.mjs writes the Electron build: a copy of better-sqlite3 beside the Node one. */
export function electronBuildPath(nodeModules: string): string {
  return join(nodeModules, '.proofsheet-electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
}

/**
 * The ABI a native module was built for, read from the entry point every V8-API addon exports
 * (`node_register_module_v<ABI>`): a Node build says 115 for Node 20, an Electron 39 build 140.
 */
export function moduleAbi(bytes: Buffer): number | undefined {
  const found = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'))
  return found ? Number(found[1]) : undefined
}

export interface NativeBindingOptions {
  versions?: NodeJS.ProcessVersions
  /** The app's node_modules folder. */
  nodeModules: string
  /** A packaged app carries better-sqlite3 rebuilt in place by electron-builder. */
  packaged?: boolean
}

/**
 * The `.node` file the catalog loads: under Electron (not packaged), the Electron build made by
 * `npm install`; under Node, undefined (better-sqlite3's own build). Electron cannot load a Node build,
 * and would say so only with a cryptic NODE_MODULE_VERSION error when the first photo is added, so a
 * missing or stale build fails here, with the command that makes it.
 */
export function nativeBinding({ versions = process.versions, nodeModules, packaged = false }: NativeBindingOptions): string | undefined {
  if (!versions.electron || packaged) return undefined
  const path = electronBuildPath(nodeModules)
  const abi = existsSync(path) ? moduleAbi(readFileSync(path)) : undefined
  if (abi !== undefined && abi === Number(versions.modules)) return path
  const state = abi === undefined ? 'has not been built for Electron' : `was built for another runtime (ABI ${abi})`
  throw new Error(
    `Proofsheet's catalog module (better-sqlite3) ${state}; Electron ${versions.electron} needs ABI ${versions.modules}. ` +
      'Rebuild it in the Proofsheet folder with "npm run rebuild:electron" (it downloads a prebuilt binary, or compiles one if none exists), then start again.'
  )
}
