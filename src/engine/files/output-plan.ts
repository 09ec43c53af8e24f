import { basename, extname, join, resolve } from 'node:path'

export interface PlannedOutput {
  /** Output path without extension; the extension comes from what the provider actually sent. */
  base: string
  /** Phota can return several images per input: `stem-1`, `stem-2`, ... */
  count: number
}

/**
 * Names every output before anything is sent, in a stable order, so a re-run names files the same way:
 * the input's folder structure under `outDir`, the input's stem (through the `naming` pattern), and " (2)" where two inputs would
 * collide (photo.jpg and photo.png). An input file's own path is never a destination.
 */
export function planOutputs(
  files: { path: string; outputDir: string }[],
  outDir: string,
  count: number,
  extension: string,
  naming = '{name}'
): Map<string, PlannedOutput> {
  const taken = new Set(files.map((f) => resolve(f.path).toLowerCase()))
  const plans = new Map<string, PlannedOutput>()
  const names = (base: string): string[] =>
    count === 1 ? [`${base}.${extension}`] : Array.from({ length: count }, (_, i) => `${base}-${i + 1}.${extension}`)
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const stem = naming.replaceAll('{name}', basename(file.path, extname(file.path)))
    const dir = resolve(outDir, file.outputDir)
    let base = join(dir, stem)
    for (let n = 2; names(base).some((name) => taken.has(name.toLowerCase())); n++) base = join(dir, `${stem} (${n})`)
    for (const name of names(base)) taken.add(name.toLowerCase())
    plans.set(file.path, { base, count })
  }
  return plans
}

export function outputPaths(plan: PlannedOutput, extensions: string[]): string[] {
  return extensions.length === 1 ? [`${plan.base}.${extensions[0]}`] : extensions.map((ext, i) => `${plan.base}-${i + 1}.${ext}`)
}
