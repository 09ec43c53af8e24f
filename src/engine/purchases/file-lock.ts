import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { onFileThread } from '../files/file-thread'

/** A held lock is touched this often, so a waiting process can tell it from an abandoned one. */
export const REFRESH_MS = 5_000
/** Not touched for this long: its owner is gone (crashed, or on a machine we cannot ask). */
export const STALE_MS = 30_000

interface Owner {
  host: string
  pid: number
  /** Which copy of this module in its process made it (see `abandoned`); older locks have none. */
  token?: string
}

/** This copy of the module, within its process: a lock it made and no longer holds is a leftover. */
const TOKEN = randomBytes(6).toString('hex')

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

/** This process's owner record, as kept in a lock: made once, not for every lock taken. */
export const OWNER_RECORD = JSON.stringify({ host: thisHost(), pid: process.pid, token: TOKEN } satisfies Owner)

/**
 * The lock's inode when it is abandoned: gone stale, its owner provably gone, or made by this very
 * module and not held (a let-go whose removal failed: no one else here takes this lock meanwhile, see
 * `holding`). A lock is a file holding its owner; earlier versions made a folder with an `owner.json` in it.
 */
async function abandoned(lock: string): Promise<number | null> {
  const info = await stat(lock).catch(() => null)
  if (!info) return null
  if (Date.now() - info.mtimeMs > STALE_MS) return info.ino
  const owner = await readFile(info.isDirectory() ? join(lock, 'owner.json') : lock, 'utf8')
    .then((text) => JSON.parse(text) as Owner)
    .catch(() => null)
  // Between making the lock and writing the owner: only age can tell.
  return owner && (owner.token === TOKEN || ownerIsGone(owner)) ? info.ino : null
}

/**
 * Moves an abandoned lock aside (one waiter wins the rename) and removes it, unless what was moved is no
 * longer that abandoned lock: another waiter took over first and a new owner locked since (another
 * inode), or its owner came back to life and touched it (one process's link locks share an inode).
 */
async function takeOver(lock: string, ino: number): Promise<void> {
  const aside = `${lock}.abandoned-${randomBytes(4).toString('hex')}`
  try {
    await rename(lock, aside)
  } catch {
    return
  }
  if ((await abandoned(aside)) !== ino) await rename(aside, lock).catch(() => undefined)
  else await rm(aside, { recursive: true, force: true })
}

/** The lock taken (by `take`) once it is free, or once it is abandoned. */
async function acquire(lock: string, take: () => Promise<boolean>, signal?: AbortSignal): Promise<void> {
  for (let wait = 20; ; wait = Math.min(500, wait * 2)) {
    signal?.throwIfAborted()
    if (await take()) return
    const ino = await abandoned(lock)
    if (ino !== null) await takeOver(lock, ino)
    else await sleep(wait, undefined, { signal })
  }
}

/** A lock let go: on the file thread, else (the thread gone, a file briefly held by a scanner) from here, a few times. */
async function letGo(lock: string): Promise<void> {
  if (await onFileThread('removeLockStep', lock).then(() => true, () => false)) return
  for (const wait of [0, 100, 1_000]) {
    await sleep(wait)
    if (await rm(lock, { force: true }).then(() => true, () => false)) return
  }
}

/** Who in this module waits for or holds each lock: one at a time, so a lock of ours that none holds is a leftover. */
const turns = new Map<string, Promise<unknown>>()

/** Runs `task` holding `lock`, taken by `take`: kept fresh while held, let go however the task ends. */
export function holding<T>(lock: string, take: () => Promise<boolean>, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const before = turns.get(lock) ?? Promise.resolve()
  const mine = before.catch(() => undefined).then(() => held(lock, take, task, signal))
  const settled = mine.catch(() => undefined)
  turns.set(lock, settled)
  void settled.then(() => turns.get(lock) === settled && turns.delete(lock))
  return mine
}

async function held<T>(lock: string, take: () => Promise<boolean>, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
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
    await letGo(lock)
  }
}

/**
 * Runs `task` holding an exclusive lock shared by every process on this state folder: a file made
 * atomically (exclusive create) holding its owner, kept fresh while held, and taken over once it is
 * abandoned. (proper-lockfile does the same with a folder; it is not among this project's dependencies,
 * and a file costs fewer disk operations.) Purchase keys have their own: withKeyLock.
 */
export function withFileLock<T>(path: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lock = `${path}.lock`
  return holding(lock, () => onFileThread('makeLockStep', { lock, owner: OWNER_RECORD }), task, signal)
}
