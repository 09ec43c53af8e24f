import { randomBytes } from 'node:crypto'
import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { onFileThread } from '../files/file-thread'
import { holding, OWNER_RECORD, REFRESH_MS, STALE_MS, thisHost } from './file-lock'

/** Names this process's owner file: one per lock folder, for as long as the process lives. */
const OWNER_FILE = `.owner-${thisHost()}.${process.pid}.${randomBytes(4).toString('hex')}`
/** Owner files, and one half made (`.part`). */
const OWNER_FILE_PATTERN = /^\.owner-.+\.\d+\.[0-9a-f]+(\.part)?$/

/**
 * `withFileLock` for the locks a folder holds one of per purchase (`locks/<key>.lock`), taken for every
 * photo of a run: each lock is a hard link to this process's owner file in that folder (linkLockStep),
 * so a purchase makes and deletes no file of its own. To every other process it is the same lock: a
 * file at that path holding its owner, kept fresh while held.
 */
export function withKeyLock<T>(folder: string, key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lock = join(folder, `${key}.lock`)
  const job = { lock, owner: OWNER_RECORD, file: join(folder, OWNER_FILE), freshMs: REFRESH_MS }
  return holding(lock, () => onFileThread('linkLockStep', job), task, signal)
}

/**
 * Owner files no lock links to any more and not touched for a while: a finished or killed process's
 * (this process's own one too, when it holds no lock: it is made again when needed).
 */
export async function removeIdleOwners(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[])
  await Promise.all(
    names
      .filter((name) => OWNER_FILE_PATTERN.test(name))
      .map(async (name) => {
        const info = await stat(join(folder, name)).catch(() => null)
        if (info && info.nlink === 1 && Date.now() - info.mtimeMs > STALE_MS) await rm(join(folder, name), { force: true })
      })
  )
}
