import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** A held lock's folder is touched this often, so a waiting process can tell it from an abandoned one. */
const REFRESH_MS = 5_000
/** Not touched for this long: its owner is gone (crashed, or on a machine we cannot ask). */
const STALE_MS = 30_000

interface Owner {
  host: string
  pid: number
}

/** This machine's name as kept in owner records and file names. */
export function thisHost(): string {
  return hostname().replace(/[^\w-]/g, '_')
}

/** Whether the process that made something is provably gone: same machine, and no such process. */
export function ownerIsGone(owner: Owner): boolean {
  if (owner.host !== thisHost()) return false
  try {
    process.kill(owner.pid, 0)
    return false
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH'
  }
}

/** The lock folder's inode when it is abandoned, so the take-over removes that one and no newer lock. */
async function abandoned(dir: string): Promise<number | null> {
  const info = await stat(dir).catch(() => null)
  if (!info) return null
  if (Date.now() - info.mtimeMs > STALE_MS) return info.ino
  const owner = await readFile(join(dir, 'owner.json'), 'utf8')
    .then((text) => JSON.parse(text) as Owner)
    .catch(() => null)
  // Between mkdir and writing the owner: only age can tell.
  return owner && ownerIsGone(owner) ? info.ino : null
}

/** Moves an abandoned lock aside (one waiter wins the rename) and removes it. */
async function takeOver(dir: string, ino: number): Promise<void> {
  const aside = `${dir}.abandoned-${randomBytes(4).toString('hex')}`
  try {
    await rename(dir, aside)
  } catch {
    return
  }
  // Another waiter took over first and a new owner locked since: give it back.
  if ((await stat(aside)).ino !== ino) await rename(aside, dir).catch(() => undefined)
  else await rm(aside, { recursive: true, force: true })
}

/**
 * Runs `task` holding an exclusive lock shared by every process on this state folder: a folder made
 * atomically with `mkdir`, kept fresh while held, and taken over once its owner is provably gone or it
 * went stale. (proper-lockfile does the same; it is not among this project's dependencies.)
 */
export async function withFileLock<T>(path: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const dir = `${path}.lock`
  await mkdir(dirname(dir), { recursive: true })
  for (let wait = 20; ; wait = Math.min(500, wait * 2)) {
    signal?.throwIfAborted()
    try {
      await mkdir(dir)
      break
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
    }
    const ino = await abandoned(dir)
    if (ino !== null) await takeOver(dir, ino)
    else await sleep(wait, undefined, { signal })
  }
  const owner: Owner = { host: thisHost(), pid: process.pid }
  await writeFile(join(dir, 'owner.json'), JSON.stringify(owner))
  const refresh = setInterval(() => {
    const now = new Date()
    utimes(dir, now, now).catch(() => undefined)
  }, REFRESH_MS)
  refresh.unref()
  try {
    return await task()
  } finally {
    clearInterval(refresh)
    await rm(dir, { recursive: true, force: true })
  }
}
