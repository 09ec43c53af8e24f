import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { expect, test } from 'vitest'
import pkg from '../../package.json' with { type: 'json' }

/**
 * electron-builder.yml checked with what runs here (installers need the Electron download): the files
 * it packs hold the built app, and every native file the app's dependencies load is unpacked from the
 * archive. Parsed with the YAML reader electron-builder itself uses.
 */
const require = createRequire(import.meta.url)
const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml') as { load(text: string): unknown }
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as {
  appId: string
  productName: string
  files: string[]
  asarUnpack: string[]
  npmRebuild: boolean
  buildDependenciesFromSource: boolean
  mac: { target: string[] }
  win: { target: string[] }
  linux: { target: string[] }
}

const outDir = resolve('out')
const packed = (path: string): boolean => {
  const included = config.files.filter((p) => !p.startsWith('!')).some((pattern) => matches(pattern, path))
  return included && !config.files.filter((p) => p.startsWith('!')).some((pattern) => matches(pattern.slice(1), path))
}
/** electron-builder's globs as used here: a literal path, or a folder followed by `/**`. */
function matches(pattern: string, path: string): boolean {
  return pattern.endsWith('/**') ? path.startsWith(pattern.slice(0, -2)) : path === pattern
}

test('installers for macOS (dmg, zip), Windows (nsis) and Linux (AppImage, deb), named Proofsheet, with the app id main sets', () => {
  expect(config.mac.target).toEqual(['dmg', 'zip'])
  expect(config.win.target).toEqual(['nsis'])
  expect(config.linux.target).toEqual(['AppImage', 'deb'])
  expect(config.productName).toBe(pkg.productName)
  expect(readFileSync('src/main/index.ts', 'utf8')).toContain(`const APP_ID = '${config.appId}'`)
  expect(pkg.scripts.dist).toBe('npm run build && electron-builder')
})

test.skipIf(!existsSync(outDir))('every file of the built app is packed, and what main loads from beside it (the icon)', () => {
  const built = walk(outDir).map((path) => relative('.', path).split(sep).join('/'))
  expect(built).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']))
  for (const path of built) expect(packed(path), path).toBe(true)
  expect(packed(pkg.main.replace(/^\.\//, ''))).toBe(true)
  // main-window.ts: join(__dirname, '../../resources/icon.png') from out/main.
  expect(packed('resources/icon.png')).toBe(true)
  expect(packed('node_modules/.proofsheet-electron/node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false)
})

test('every native file of the production dependencies is unpacked from the archive, and rebuilt from prebuilt binaries first', () => {
  const native = productionPackages()
    .flatMap((dir) => walk(dir))
    .filter((path) => /\.(node|wasm|so(\.\d+)*|dylib|dll)$/.test(path) && !path.includes(`${sep}obj.target${sep}`))
    .map((path) => relative('.', path).split(sep).join('/'))
  // What this machine installed: better-sqlite3, the keychain, sharp native and WebAssembly, libvips, libheif.
  expect(native.some((p) => p.startsWith('node_modules/better-sqlite3/'))).toBe(true)
  expect(native.some((p) => p.startsWith('node_modules/@img/sharp-wasm32/'))).toBe(true)
  expect(native.some((p) => p.startsWith('node_modules/libheif-js/'))).toBe(true)
  for (const path of native) expect(config.asarUnpack.some((pattern) => matches(pattern, path)), `${path} is not in asarUnpack`).toBe(true)
  // The worker thread requires heic-decode and libheif-js by path; the WebAssembly sharp requires its runtime.
  for (const dir of ['node_modules/heic-decode/index.js', 'node_modules/@emnapi/runtime/package.json']) expect(config.asarUnpack.some((pattern) => matches(pattern, dir)), dir).toBe(true)
  expect(config.npmRebuild).toBe(true)
  expect(config.buildDependenciesFromSource).toBe(false)
})

/** The installed packages npm counts as production dependencies of the app (what electron-builder packs). */
function productionPackages(): string[] {
  const seen = new Set<string>()
  const visit = (name: string, from: string): void => {
    let dir: string
    try {
      dir = dirname(createRequire(join(from, 'noop.js')).resolve(`${name}/package.json`))
    } catch {
      const found = findUp(from, name)
      if (!found) return // an optional dependency for another platform
      dir = found
    }
    if (seen.has(dir)) return
    seen.add(dir)
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dep, dir)
  }
  for (const name of Object.keys(pkg.dependencies)) visit(name, resolve('.'))
  return [...seen]
}

/** Packages whose `exports` hide package.json: found as folders up the node_modules chain. */
function findUp(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) return undefined
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? (name === 'node_modules' ? [] : walk(path)) : [path]
  })
}

// Issue 19 item 20: busboy was a runtime dependency, packed into every installer, though only the simulator and tests use it.
test('every production dependency is one the app itself uses: what only the simulator or the tests use is a dev dependency', () => {
  const sources = walk(resolve('src'))
    .filter((path) => !path.startsWith(resolve('src/simulator') + sep) && /\.(ts|tsx|mjs)$/.test(path))
    .map((path) => readFileSync(path, 'utf8'))
  const usedByApp = (name: string): boolean => sources.some((text) => text.includes(`'${name}'`) || text.includes(`'${name}/`))
  expect(Object.keys(pkg.dependencies).filter((name) => !usedByApp(name))).toEqual([])
  expect(Object.keys(pkg.devDependencies)).toContain('busboy')
})
