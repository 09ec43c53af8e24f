import { basename, join, resolve } from 'node:path'
import { build } from 'esbuild'

const ROOT = resolve(import.meta.dirname, '..')

/**
 * A bench child built as the CLI and the app run the engine: bundled by esbuild, then run by plain
 * node. Loaded through tsx instead, every closure the engine makes is wrapped to keep its name (tsx
 * compiles with keepNames), about 1 ms of CPU a photo and its garbage that no user pays.
 */
export async function bundled(child: string): Promise<string> {
  const outfile = join(ROOT, 'out/bench', basename(child).replace(/\.ts$/, '.mjs'))
  await build({ entryPoints: [join(ROOT, child)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' })
  return outfile
}
