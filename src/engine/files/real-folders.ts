import { lstat, mkdir } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { inside } from './inside'

/**
 * A folder Proofsheet was about to write into, make or clear that is a link (or not a folder at all):
 * nothing is written, made or removed through it.
 */
export class NotARealFolder extends Error {
  constructor(
    readonly path: string,
    where: string
  ) {
    super(`${where} is a link or not a folder; Proofsheet writes only into real folders, so nothing was written or removed through it. Replace it with a folder (or remove it), then run again`)
    this.name = 'NotARealFolder'
  }
}

const code = (error: unknown): string | undefined => (error as { code?: string }).code

/** How a refused folder is named to the user: its path below the chosen folder, in that folder. */
const shown = (top: string, path: string): string => `${relative(top, path).split(sep).join('/')} in ${top}`

/**
 * Looked at without following a link, and made if missing (mkdir never follows a link at its last
 * level, and one made meanwhile is looked at again): a real folder or a refusal.
 */
async function level(top: string, path: string, fresh: boolean): Promise<void> {
  let info = fresh ? null : await lstat(path).catch((error: unknown) => (code(error) === 'ENOENT' ? null : Promise.reject(error)))
  if (!info) {
    try {
      await mkdir(path)
    } catch (error) {
      if (code(error) !== 'EEXIST' || fresh) throw code(error) === 'EEXIST' ? new NotARealFolder(path, shown(top, path)) : error
    }
    info = await lstat(path)
  }
  if (!info.isDirectory()) throw new NotARealFolder(path, shown(top, path))
}

interface Way {
  top: string
  /** Every folder from just below `top` down to the one asked for. */
  levels: string[]
}

/** Ways already worked out: a run asks for the same few folders for every photo it writes. */
const ways = new Map<string, Way>()
const MOST_WAYS = 256

/**
 * Whether a path means the same folder wherever the process stands: relative paths follow the working
 * folder, and on Windows so does one that starts with a single slash (it is on the current drive).
 */
const settled = (path: string): boolean => isAbsolute(path) && (process.platform !== 'win32' || /^([a-z]:[\\/]|\\\\)/i.test(path))

/** The folders between `root` and `dir`; the same answer for the same settled paths, so it is worked out once. */
function wayTo(root: string, dir: string): Way {
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
 * partial folder) is refused with its path, never followed. `fresh`: `dir` itself must not exist yet
 * (a folder of our own, made anew). `root` is the folder the user chose, trusted as it is (it may
 * itself be a link).
 */
export async function realFoldersWithin(root: string, dir: string, { fresh = false }: { fresh?: boolean } = {}): Promise<void> {
  const { top, levels } = wayTo(root, dir)
  if (!levels.length) return void (await mkdir(top, { recursive: true }))
  const walk = async (): Promise<void> => {
    for (const [i, path] of levels.entries()) await level(top, path, fresh && i === levels.length - 1)
  }
  try {
    await walk()
  } catch (error) {
    // The chosen folder is made only when it is missing (never made, or removed meanwhile), not looked for on every write.
    if (code(error) !== 'ENOENT') throw error
    await mkdir(top, { recursive: true })
    await walk()
  }
}
