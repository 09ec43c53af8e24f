import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { readFile, readdir, rename, rm, stat, utimes } from 'node:fs/promises'
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

/** This process's owner record, as kept in a lock. */
function ownerRecord(): string {
  return JSON.stringify({ host: thisHost(), pid: process.pid } satisfies Owner)
}

/** The lock taken (by `take`) once it is free, or once its owner is provably gone or it went stale. */
async function acquire(lock: string, take: () => Promise<boolean>, signal?: AbortSignal): Promise<void> {
  for (let wait = 20; ; wait = Math.min(500, wait * 2)) {
    signal?.throwIfAborted()
    if (await take()) return
    const ino = await abandoned(lock)
    if (ino !== null) await takeOver(lock, ino)
    else await sleep(wait, undefined, { signal })
  }
}

/** Runs `task` holding `lock`, taken by `take`: kept fresh while held, let go however the task ends. */
async function holding<T>(lock: string, take: () => Promise<boolean>, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  await acquire(lock, take, signal)
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

/**
 * Runs `task` holding an exclusive lock shared by every process on this state folder: a file made
 * atomically (exclusive create) holding its owner, kept fresh while held, and taken over once its owner
 * is provably gone or it went stale. (proper-lockfile does the same with a folder; it is not among this
 * project's dependencies, and a file costs fewer disk operations on every purchase.)
 */
export function withFileLock<T>(path: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lock = `${path}.lock`
  return holding(lock, () => onFileThread('makeLockStep', { lock, owner: ownerRecord() }), task, signal)
}

/** Names this process's owner files: one per lock folder, for as long as the process lives. */
const OWNER_FILE = `.owner-${thisHost()}.${process.pid}.${randomBytes(4).toString('hex')}`
const OWNER_FILE_PATTERN = /^\.owner-.+\.\d+\.[0-9a-f]+$/

/**
 * `withFileLock` for the locks a folder holds one of per purchase (`locks/<key>.lock`), taken for every
 * photo of a run: each lock is a hard link to this process's owner file in that folder (linkLockStep),
 * so a purchase makes and deletes no file of its own. To every other process it is the same lock: a
 * file at that path holding its owner, kept fresh while held.
 */
export function withKeyLock<T>(folder: string, key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lock = join(folder, `${key}.lock`)
  const job = { lock, owner: ownerRecord(), file: join(folder, OWNER_FILE), freshMs: REFRESH_MS }
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
