import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { inside } from './inside'

export interface FoundFile {
  path: string
  /** Path relative to the output folder: the input folder's own name, then its inner structure. */
  outputDir: string
  size: number
  mtimeMs: number
}

export interface SkippedPath {
  path: string
  reason: string
}

const JUNK = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', 'ehthumbs.db', 'icon\r'])

/** System files a photographer never meant as photos; `null` for anything else. */
export function junkReason(name: string): string | null {
  const lower = name.toLowerCase()
  if (JUNK.has(lower)) return 'a system file (not a photo)'
  if (name.startsWith('._')) return 'macOS metadata, not a photo'
  return null
}

/** Stats asked for at once while walking a folder: enough to keep libuv's pool busy, few enough not to flood it. */
const STATS_AT_ONCE = 32

async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await work(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  return a.map((x, i) => [x, b[i]!])
}

/** Said of anything found inside the output folder: earlier results must not be sent as new photos. */
export const OUTPUT_FOLDER_REASON = "inside the output folder: Proofsheet's own results are not sent again"

const OUTSIDE_REASON = 'a link that leads outside the added folder (links are followed only inside it)'

/**
 * Expands files and folders (recursively, following links that stay inside what was added) into the
 * photos to process. Junk, link loops, links leading out and anything inside `exclude` (the output
 * folder) are reported with their reason; hidden entries are passed over.
 */
export async function scanInputs(inputs: string[], exclude: string[] = []): Promise<{ files: FoundFile[]; skipped: SkippedPath[] }> {
  const files: FoundFile[] = []
  const skipped: SkippedPath[] = []
  const seen = new Set<string>()
  const excluded = await Promise.all(exclude.map(async (p) => realpath(p).catch(() => resolve(p))))

  const visitDir = async (dir: string, outputDir: string, ancestors: Set<string>, root: string): Promise<void> => {
    const real = await realpath(dir)
    if (ancestors.has(real)) {
      skipped.push({ path: dir, reason: 'a folder link that loops back on itself' })
      return
    }
    if (excluded.some((e) => inside(real, e))) {
      skipped.push({ path: dir, reason: OUTPUT_FOLDER_REASON })
      return
    }
    const chain = new Set(ancestors).add(real)
    const entries = (await readdir(dir)).sort((a, b) => a.localeCompare(b))
    const wanted = entries.filter((name) => !junkReason(name) && !name.startsWith('.'))
    // The entries' stats are asked for together (libuv's pool answers several at once), a bounded
    // number at a time; they are still visited one by one, in name order.
    const infos = new Map(zip(wanted, await mapBounded(wanted, STATS_AT_ONCE, (name) => lstat(join(dir, name)).catch(() => null))))
    for (const name of entries) {
      const path = join(dir, name)
      const junk = junkReason(name)
      if (junk) {
        skipped.push({ path, reason: junk })
        continue
      }
      if (name.startsWith('.')) continue
      const info = infos.get(name)
      // A plain file (not a link) lies inside its folder's real path: no stat or realpath of its own.
      if (info?.isFile()) addFile(path, join(real, name), join(outputDir, name), true, info)
      else await visit(path, join(outputDir, name), chain, root)
    }
  }

  const addFile = (path: string, real: string, outputPath: string, nested: boolean, info: { size: number; mtimeMs: number }): void => {
    if (excluded.some((e) => inside(real, e))) {
      skipped.push({ path, reason: OUTPUT_FOLDER_REASON })
      return
    }
    if (seen.has(real)) return
    seen.add(real)
    const junk = junkReason(basename(path))
    if (junk) {
      skipped.push({ path, reason: junk })
      return
    }
    files.push({ path: resolve(path), outputDir: nested ? dirname(outputPath) : '', size: info.size, mtimeMs: info.mtimeMs })
  }

  /** `root` is the real path of what was added, or '' for the added path itself. */
  const visit = async (path: string, outputPath: string, ancestors: Set<string>, root: string): Promise<void> => {
    const nested = root !== ''
    let info
    try {
      info = await stat(path)
    } catch (error) {
      const link = await lstat(path).catch(() => null)
      const code = (error as { code?: string }).code
      skipped.push({
        path,
        reason: link?.isSymbolicLink()
          ? code === 'ELOOP'
            ? 'a link that loops back on itself'
            : 'a link to something that no longer exists'
          : 'not found'
      })
      return
    }
    const real = await realpath(path)
    if (nested && !inside(real, root)) {
      skipped.push({ path, reason: OUTSIDE_REASON })
      return
    }
    if (info.isDirectory()) return visitDir(path, nested ? outputPath : basename(resolve(path)), ancestors, root || real)
    if (!info.isFile()) {
      skipped.push({ path, reason: 'not a regular file' })
      return
    }
    addFile(path, real, outputPath, nested, info)
  }

  for (const input of inputs) await visit(input, '', new Set(), '')
  return { files, skipped }
}
