import { createRequire, Module } from 'node:module'
import { dirname, join } from 'node:path'

/** Which sharp build main's image work runs on. */
export type SharpBuild = 'native' | 'wasm32'

/**
 * Under Electron on Linux, sharp's WebAssembly build; everywhere else its native one.
 *
 * Why: Electron's Linux binary links the system's GLib (through GTK) and sharp's libvips brings its
 * own; two GLibs in one process abort or crash on the first decode (sharp's own "SharpElectronLinux"
 * warning; electron/electron#46323, lovell/sharp#4351, #4522). A utilityProcess or a
 * fork(process.execPath) runs the same Electron binary, with the same system GLib, and crashes the same
 * way (lovell/sharp#4525, in a utilityProcess on Fedora 43). A child process on a system Node would
 * avoid it, but a packaged app (AppImage, deb) has no Node to run. The WebAssembly build has no GLib
 * of the system's to meet, runs on the same worker threads, and costs time instead (BENCHMARKS.md,
 * "Image work in the app on Linux").
 *
 * Must run before anything loads sharp (src/main/index.ts loads the app after it): sharp's loader
 * prefers the native build and falls back to `@img/sharp-wasm32` only when the native one cannot be
 * loaded, so the native build's module is answered, in Node's module cache, with the WebAssembly one.
 */
export function chooseSharpBuild(versions: NodeJS.ProcessVersions = process.versions, platform: NodeJS.Platform = process.platform): SharpBuild {
  if (!versions.electron || platform !== 'linux') return 'native'
  const entry = createRequire(import.meta.url).resolve('sharp')
  const fromSharp = createRequire(entry)
  const wasm = fromSharp.resolve('@img/sharp-wasm32/sharp.node')
  const exports: unknown = fromSharp(wasm)
  const { version } = fromSharp('../package.json') as { version: string }
  // Where sharp looks: its own source build first, then the prebuilt packages (glibc, musl).
  const natives = ['linux', 'linuxmusl'].flatMap((libc) => [join(dirname(entry), '..', 'src', 'build', 'Release', `sharp-${libc}-${process.arch}-${version}.node`), `@img/sharp-${libc}-${process.arch}/sharp.node`])
  for (const name of natives) {
    const native = resolvable(fromSharp, name)
    if (!native) continue
    const stand = new Module(native)
    stand.filename = native
    stand.loaded = true
    stand.exports = exports
    fromSharp.cache[native] = stand
  }
  return 'wasm32'
}

/**
 * The app's sharp: the build chosen above, with libvips' operation cache off. That cache keeps input
 * files open, and Windows cannot replace a file that is open (an output written again, a result
 * re-run). Turned off in the ES module instance every `import sharp` shares, after it has loaded
 * (loading it turns the cache on).
 */
export async function prepareSharp(): Promise<SharpBuild> {
  const build = chooseSharpBuild()
  const { default: sharp } = await import('sharp')
  sharp.cache(false)
  return build
}

function resolvable(require: NodeJS.Require, name: string): string | undefined {
  try {
    return require.resolve(name)
  } catch {
    return undefined
  }
}
