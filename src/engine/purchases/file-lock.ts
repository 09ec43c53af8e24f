import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { onFileThread } from '../files/file-thread'

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

/**
 * The lock's inode when it is abandoned, so the take-over removes that one and no newer lock. A lock is
 * a file holding its owner; earlier versions made a folder with an `owner.json` in it.
 */
async function abandoned(lock: string): Promise<number | null> {
  const info = await stat(lock).catch(() => null)
  if (!info) return null
  if (Date.now() - info.mtimeMs > STALE_MS) return info.ino
  const owner = await readFile(info.isDirectory() ? join(lock, 'owner.json') : lock, 'utf8')
    .then((text) => JSON.parse(text) as Owner)
    .catch(() => null)
  // Between making the lock and writing the owner: only age can tell.
  return owner && ownerIsGone(owner) ? info.ino : null
}

/** Moves an abandoned lock aside (one waiter wins the rename) and removes it. */
async function takeOver(lock: string, ino: number): Promise<void> {
  const aside = `${lock}.abandoned-${randomBytes(4).toString('hex')}`
  try {
    await rename(lock, aside)
  } catch {
    return
  }
  // Another waiter took over first and a new owner locked since: give it back.
  if ((await stat(aside)).ino !== ino) await rename(aside, lock).catch(() => undefined)
  else await rm(aside, { recursive: true, force: true })
}

/** The lock taken once it is free, or once its owner is provably gone or it went stale; its owner written in it (on the file thread, in one go: makeLockStep). */
async function acquire(lock: string, signal?: AbortSignal): Promise<void> {
  const owner = JSON.stringify({ host: thisHost(), pid: process.pid } satisfies Owner)
  for (let wait = 20; ; wait = Math.min(500, wait * 2)) {
    signal?.throwIfAborted()
    if (await onFileThread('makeLockStep', { lock, owner })) return
    const ino = await abandoned(lock)
    if (ino !== null) await takeOver(lock, ino)
    else await sleep(wait, undefined, { signal })
  }
}

/**
 * Runs `task` holding an exclusive lock shared by every process on this state folder: a file made
 * atomically (exclusive create) holding its owner, kept fresh while held, and taken over once its owner
 * is provably gone or it went stale. (proper-lockfile does the same with a folder; it is not among this
 * project's dependencies, and a file costs fewer disk operations on every purchase.)
 */
export async function withFileLock<T>(path: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lock = `${path}.lock`
  await acquire(lock, signal)
  const refresh = setInterval(() => {
    const now = new Date()
    utimes(lock, now, now).catch(() => undefined)
  }, REFRESH_MS)
  refresh.unref()
  try {
    return await task()
  } finally {
    clearInterval(refresh)
    await onFileThread('removeLockStep', lock).catch(() => undefined)
  }
}
