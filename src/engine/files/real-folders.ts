import { lstat, mkdir } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
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

/**
 * Looked at without following a link, and made if missing (mkdir never follows a link at its last
 * level, and one made meanwhile is looked at again): a real folder or a refusal.
 */
async function level(path: string, where: string, fresh: boolean): Promise<void> {
  let info = fresh ? null : await lstat(path).catch((error: unknown) => (code(error) === 'ENOENT' ? null : Promise.reject(error)))
  if (!info) {
    try {
      await mkdir(path)
    } catch (error) {
      if (code(error) !== 'EEXIST' || fresh) throw code(error) === 'EEXIST' ? new NotARealFolder(path, where) : error
    }
    info = await lstat(path)
  }
  if (!info.isDirectory()) throw new NotARealFolder(path, where)
}

/**
 * `dir` and every folder between `root` and it, made where missing and each checked with lstat right
 * before it is used: a link on the way (a subfolder swapped for one mid-run, a link named like our
 * partial folder) is refused with its path, never followed. `fresh`: `dir` itself must not exist yet
 * (a folder of our own, made anew). `root` is the folder the user chose, trusted as it is (it may
 * itself be a link).
 */
export async function realFoldersWithin(root: string, dir: string, { fresh = false }: { fresh?: boolean } = {}): Promise<void> {
  const top = resolve(root)
  if (!inside(dir, top)) throw new Error(`${dir} is outside ${top}`)
  await mkdir(top, { recursive: true })
  const names = relative(top, resolve(dir)).split(sep).filter(Boolean)
  let path = top
  for (const [i, name] of names.entries()) {
    path = join(path, name)
    await level(path, `${relative(top, path).split(sep).join('/')} in ${top}`, fresh && i === names.length - 1)
  }
}
