import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { realFoldersWithin } from './real-folders'

/**
 * Writes `data` to `path` and flushes it to the disk before returning. `fresh`: the file must not
 * exist yet (a temporary file): a link or file planted at its name is refused, never written through.
 */
export async function writeDurably(path: string, data: Uint8Array | string, { fresh = false }: { fresh?: boolean } = {}): Promise<void> {
  const handle = await open(path, fresh ? 'wx' : 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** A rename is durable only once its folder is flushed; Windows cannot open a folder for that, and needs not. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null)
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse to flush a folder; the rename stands regardless.
  } finally {
    await handle.close()
  }
}

export interface AtomicOptions {
  /** Where the temporary file is made (on the same disk as `path`); beside it by default. */
  tempDir?: string
  /**
   * The folder the user chose, which `path` (and `tempDir`) lie in: every folder below it on the way is
   * made or checked as a real folder (never a link) first, and again right before the rename.
   */
  within?: string
}

/**
 * The one way Proofsheet replaces a file: `path` holds either its old content or all of the new,
 * never a part, and the new content survives a power cut once this resolves. A temporary file (beside
 * it, or in `tempDir` on the same disk) is filled by `fill`, flushed, renamed over `path`, and the
 * folder flushed.
 */
async function replaceAtomically(path: string, fill: (temp: string) => Promise<void>, o: AtomicOptions): Promise<void> {
  const tempDir = o.tempDir ?? dirname(path)
  const folders = (dir: string): Promise<unknown> => (o.within ? realFoldersWithin(o.within, dir) : mkdir(dir, { recursive: true }))
  // Folders below the chosen one are checked (the chosen one is made with the temporary folder's).
  const below = !o.within || o.tempDir === undefined || resolve(dirname(path)) !== resolve(o.within)
  if (below) await folders(dirname(path))
  // Another writer may remove an emptied temporary folder between the two levels: make it again.
  await folders(tempDir).catch(() => folders(tempDir))
  // A temporary folder of ours is never a link: nothing is written through one put in its place.
  if (o.tempDir && !o.within) await realFoldersWithin(dirname(tempDir), tempDir)
  // Short, not the destination's name: a name near the file system's limit would not fit with a prefix.
  const name = o.tempDir ? `${randomBytes(6).toString('hex')}${extname(path)}` : `.${basename(path).slice(0, 64)}.${randomBytes(6).toString('hex')}.partial`
  const temp = join(tempDir, name)
  try {
    await fill(temp)
    // A folder on the way swapped for a link while the file was written is refused here, not followed.
    if (o.within && below) await realFoldersWithin(o.within, dirname(path))
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncFolder(dirname(path))
}

/** Writes `data` to `path` atomically and durably (see replaceAtomically). */
export function writeFileAtomic(path: string, data: Uint8Array | string, o: AtomicOptions = {}): Promise<void> {
  return replaceAtomically(path, (temp) => writeDurably(temp, data, { fresh: true }), o)
}

/** Copies `source` over `destination` atomically and durably: a killed run leaves no half-written file. */
export function copyFileAtomic(source: string, destination: string, o: AtomicOptions = {}): Promise<void> {
  return replaceAtomically(
    destination,
    async (temp) => {
      await copyFile(source, temp, constants.COPYFILE_EXCL)
      const handle = await open(temp, 'r+')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
    },
    o
  )
}
