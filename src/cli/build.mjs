// Builds the command line into out/cli with esbuild, so `npm run batch`, `export` and `worker` start
// without compiling TypeScript. `--if-stale` builds only when a source file is newer than the build.
import { readdirSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = resolve(import.meta.dirname, '../..')
const out = join(root, 'out/cli')
const entries = { batch: join(root, 'src/cli/batch.ts'), export: join(root, 'src/cli/export.ts'), worker: join(root, 'src/cli/worker.ts') }
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' }

function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return latest
}

function stale() {
  try {
    const built = Math.min(...Object.keys(entries).map((name) => statSync(join(out, `${name}.mjs`)).mtimeMs))
    return newest(join(root, 'src')) > built
  } catch {
    return true
  }
}

/** The help text, written from the provider registry: bundled alone and run once. */
async function helpText() {
  await mkdir(join(root, 'out'), { recursive: true })
  // Inside the project, so the bundle finds its packages.
  const dir = await mkdtemp(join(root, 'out', '.help-'))
  try {
    await build({ ...common, entryPoints: [join(root, 'src/cli/help.ts')], outfile: join(dir, 'help.mjs') })
    return (await import(pathToFileURL(join(dir, 'help.mjs')).href)).HELP
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (!process.argv.includes('--if-stale') || stale()) {
  const { metafile } = await build({
    ...common,
    entryPoints: entries,
    outdir: out,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    define: { PROOFSHEET_HELP: JSON.stringify(await helpText()) }
  })
  // Chunks of earlier builds (their names carry a hash) would pile up: keep only this build's.
  const current = new Set(Object.keys(metafile.outputs).map((path) => resolve(root, path)))
  for (const name of readdirSync(join(out, 'chunks'))) if (!current.has(join(out, 'chunks', name))) await rm(join(out, 'chunks', name), { force: true })
}
