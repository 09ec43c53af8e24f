import { basename, extname, join, relative, resolve } from 'node:path'
import { inside } from './inside'

export interface PlannedOutput {
  /** Output path without extension; the extension comes from what the provider actually sent. */
  base: string
  /** Phota can return several images per input: `stem-1`, `stem-2`, ... */
  count: number
}

/** One photo to name: where it mirrors to, and what its operation is expected to return. */
export interface NameRequest {
  path: string
  outputDir: string
  count: number
  extension: string
}

/** A name given to a photo by an earlier plan, relative to the output folder. */
export interface BookedName {
  /** The folder and stem it asked for (before any " (2)"): a new pattern or folder plans it afresh. */
  wanted: string
  base: string
  count: number
}

/** What an output folder already holds: names given to photos before, and the stems of files on disk. */
export interface Earlier {
  /** By input path. */
  booked: ReadonlyMap<string, BookedName>
  /** `sameOnDisk` of each file's path without its extension. */
  onDisk: ReadonlySet<string>
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
export function folderFor(outDir: string, outputDir: string): string {
  const dir = resolve(outDir, outputDir.normalize('NFC'))
  return inside(dir, outDir) ? dir : resolve(outDir)
}

/** How two names compare on a case-insensitive, normalisation-insensitive file system. */
export const sameOnDisk = (path: string): string => path.normalize('NFC').toLowerCase()

/** A photo's names without extension: whatever format comes back, no other photo may use them. */
const slots = (base: string, count: number): string[] => (count === 1 ? [base] : Array.from({ length: count }, (_, i) => `${base}-${i + 1}`))

/**
 * Names every output before anything is sent, so a re-run names files the same way: the input's folder
 * structure under `outDir`, the input's stem (through the `naming` pattern), and " (2)" where it would
 * collide (photo.jpg and photo.png, or Café and CAFÉ). A photo named before keeps its name; a new one
 * never takes a name another photo was given, a file already in the output folder, or an input's path.
 * Returns the plans and the names to remember for these photos.
 */
export function planOutputs(
  files: NameRequest[],
  outDir: string,
  naming = '{name}',
  earlier: Earlier = { booked: new Map(), onDisk: new Set() }
): { plans: Map<string, PlannedOutput>; booked: Map<string, BookedName> } {
  const root = resolve(outDir)
  const inputs = new Set(files.map((f) => sameOnDisk(resolve(f.path))))
  const mine = new Set(files.map((f) => resolve(f.path)))
  const taken = new Set<string>()
  const take = (base: string, count: number): void => slots(base, count).forEach((s) => taken.add(sameOnDisk(s)))
  for (const [path, name] of earlier.booked) if (!mine.has(path)) take(resolve(root, name.base), name.count)

  const plans = new Map<string, PlannedOutput>()
  const booked = new Map<string, BookedName>()
  const give = (file: NameRequest, wanted: string, base: string): void => {
    take(base, file.count)
    plans.set(file.path, { base, count: file.count })
    booked.set(resolve(file.path), { wanted: relative(root, wanted), base: relative(root, base), count: file.count })
  }
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path))
  const wanted = new Map(sorted.map((f) => [f, join(folderFor(outDir, f.outputDir), safeStem(naming.replaceAll('{name}', basename(f.path, extname(f.path)))))]))
  const free = (base: string, count: number): boolean => slots(base, count).every((s) => !taken.has(sameOnDisk(s)))
  const fresh: NameRequest[] = []
  for (const file of sorted) {
    const before = earlier.booked.get(resolve(file.path))
    const base = before && resolve(root, before.wanted) === wanted.get(file) ? resolve(root, before.base) : undefined
    if (base !== undefined && free(base, file.count)) give(file, wanted.get(file) as string, base)
    else fresh.push(file)
  }
  for (const file of fresh) {
    const want = wanted.get(file) as string
    const usable = (base: string): boolean =>
      free(base, file.count) && slots(base, file.count).every((s) => !earlier.onDisk.has(sameOnDisk(s)) && !inputs.has(sameOnDisk(`${s}.${file.extension}`)))
    let base = want
    for (let n = 2; !usable(base); n++) base = `${want} (${n})`
    give(file, want, base)
  }
  return { plans, booked }
}

export function outputPaths(plan: PlannedOutput, extensions: string[]): string[] {
  return extensions.length === 1 ? [`${plan.base}.${extensions[0]}`] : extensions.map((ext, i) => `${plan.base}-${i + 1}.${ext}`)
}
