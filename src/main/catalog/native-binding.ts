import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Where scripts/rebuild-native.mjs writes the Electron build: a copy of better-sqlite3 beside the Node one. */
export function electronBuildPath(nodeModules: string): string {
  return join(nodeModules, '.proofsheet-electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
}

/**
 * The `.node` file the catalog should load: the Electron build when running under Electron and it has
 * been built, otherwise undefined (better-sqlite3's own Node build).
 */
export function nativeBinding(versions: NodeJS.ProcessVersions = process.versions, nodeModules = betterSqliteNodeModules()): string | undefined {
  if (!versions.electron) return undefined
  const path = electronBuildPath(nodeModules)
  return existsSync(path) ? path : undefined
}

function betterSqliteNodeModules(): string {
  return dirname(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')))
}
