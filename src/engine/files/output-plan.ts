import { basename, extname, join, relative, resolve, sep } from 'node:path'

export interface PlannedOutput {
  /** Output path without extension; the extension comes from what the provider actually sent. */
  base: string
  /** Phota can return several images per input: `stem-1`, `stem-2`, ... */
  count: number
}

/** Room kept in one name for " (99)", "-4" and the longest extension, under the usual 255-byte limit. */
const MAX_STEM_BYTES = 255 - 16

/** The first `max` bytes of `text` in UTF-8, never splitting a character. */
function clip(text: string, max: number): string {
  let bytes = 0
  let out = ''
  for (const char of text) {
    bytes += Buffer.byteLength(char)
    if (bytes > max) break
    out += char
  }
  return out
}

/**
 * A name that stays one file in its folder on every file system: NFC (macOS hands out NFD), no path
 * separators, not `.` or `..` (a photo named `..jpg` would land beside the output folder), short enough.
 */
function safeStem(stem: string): string {
  const plain = stem.normalize('NFC').replace(/[/\\]/g, '_')
  const dotted = /^\.*$/.test(plain) ? `_${plain}` : plain
  return clip(dotted, MAX_STEM_BYTES)
}

/** The output folder for an input, never outside `outDir`. */
function folderFor(outDir: string, outputDir: string): string {
  const dir = resolve(outDir, outputDir.normalize('NFC'))
  const inside = relative(resolve(outDir), dir)
  return inside.startsWith(`..${sep}`) || inside === '..' ? resolve(outDir) : dir
}

/** How two names compare on a case-insensitive, normalisation-insensitive file system. */
const sameOnDisk = (path: string): string => path.normalize('NFC').toLowerCase()

/**
 * Names every output before anything is sent, in a stable order, so a re-run names files the same way:
 * the input's folder structure under `outDir`, the input's stem (through the `naming` pattern), and " (2)" where two inputs would
 * collide (photo.jpg and photo.png, or Café and CAFÉ). An input file's own path is never a destination.
 */
export function planOutputs(
  files: { path: string; outputDir: string }[],
  outDir: string,
  count: number,
  extension: string,
  naming = '{name}'
): Map<string, PlannedOutput> {
  const taken = new Set(files.map((f) => sameOnDisk(resolve(f.path))))
  const plans = new Map<string, PlannedOutput>()
  const names = (base: string): string[] =>
    count === 1 ? [`${base}.${extension}`] : Array.from({ length: count }, (_, i) => `${base}-${i + 1}.${extension}`)
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const stem = safeStem(naming.replaceAll('{name}', basename(file.path, extname(file.path))))
    const dir = folderFor(outDir, file.outputDir)
    let base = join(dir, stem)
    for (let n = 2; names(base).some((name) => taken.has(sameOnDisk(name))); n++) base = join(dir, `${stem} (${n})`)
    for (const name of names(base)) taken.add(sameOnDisk(name))
    plans.set(file.path, { base, count })
  }
  return plans
}

export function outputPaths(plan: PlannedOutput, extensions: string[]): string[] {
  return extensions.length === 1 ? [`${plan.base}.${extensions[0]}`] : extensions.map((ext, i) => `${plan.base}-${i + 1}.${ext}`)
}
