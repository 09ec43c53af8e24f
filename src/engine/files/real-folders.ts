import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Way } from './file-steps'
import { onFileThread } from './file-thread'
import { inside } from './inside'

/** Ways already worked out: a run asks for the same few folders for every photo it writes. */
const ways = new Map<string, Way>()
const MOST_WAYS = 256

/**
 * Whether a path means the same folder wherever the process stands: relative paths follow the working
 * folder, and on Windows so does one that starts with a single slash (it is on the current drive).
 */
const settled = (path: string): boolean => isAbsolute(path) && (process.platform !== 'win32' || /^([a-z]:[\\/]|\\\\)/i.test(path))

/** The folders between `root` and `dir`; the same answer for the same settled paths, so it is worked out once. */
export function wayTo(root: string, dir: string): Way {
  const id = `${root}\0${dir}`
  const known = ways.get(id)
  if (known) return known
  const top = resolve(root)
  if (!inside(dir, top)) throw new Error(`${dir} is outside ${top}`)
  let path = top
  const way = { top, levels: relative(top, resolve(dir)).split(sep).filter(Boolean).map((name) => (path = join(path, name))) }
  if (settled(root) && settled(dir)) {
    if (ways.size >= MOST_WAYS) ways.clear()
    ways.set(id, way)
  }
  return way
}

/**
 * `dir` and every folder between `root` and it, made where missing and each checked with lstat right
 * before it is used: a link on the way (a subfolder swapped for one mid-run, a link named like our
 * partial folder) is refused with its path (NotARealFolder), never followed. `root` is the folder the
 * user chose, trusted as it is (it may itself be a link), and made only when it is missing.
 */
export async function realFoldersWithin(root: string, dir: string): Promise<void> {
  await onFileThread('realFoldersStep', wayTo(root, dir))
}
