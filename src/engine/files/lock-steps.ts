/**
 * Taking and letting go of a lock on the file thread (file-lock.ts says what a lock is). Sent to the
 * thread as source text, like file-steps.ts: each may use only its arguments, the globals and the
 * functions of this file, by name. Nothing imported (a type aside).
 */
import type { FileIo } from './file-steps'

/** The lock file made and its owner written in it; false when it is there already. Its folder is made the first time. */
export function makeLockStep(io: FileIo, { lock, owner }: { lock: string; owner: string }): boolean {
  let fd: number
  try {
    fd = io.fs.openSync(lock, 'wx')
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'EEXIST') return false
    if (code !== 'ENOENT') throw error
    io.fs.mkdirSync(io.path.dirname(lock), { recursive: true })
    return makeLockStep(io, { lock, owner })
  }
  try {
    io.fs.writeFileSync(fd, owner)
  } catch (error) {
    try {
      io.fs.rmSync(lock, { force: true })
    } catch {
      // The write's error is the one to tell.
    }
    throw error
  } finally {
    io.fs.closeSync(fd)
  }
  return true
}

/**
 * This process's owner file, made (with its folder) when missing, whole or not at all (written aside,
 * then renamed: every lock links to what is there), and touched when older than `freshMs`: a lock
 * linked to it is never born looking stale.
 */
export function ownerFileStep(io: FileIo, { file, owner, freshMs }: { file: string; owner: string; freshMs: number }): void {
  const info = io.fs.statSync(file, { throwIfNoEntry: false })
  if (info && Date.now() - info.mtimeMs <= freshMs) return
  if (info) return io.fs.utimesSync(file, new Date(), new Date())
  io.fs.mkdirSync(io.path.dirname(file), { recursive: true })
  io.fs.writeFileSync(`${file}.part`, owner)
  io.fs.renameSync(`${file}.part`, file)
}

/**
 * The lock made as a hard link to this process's owner file in the same folder: as atomic as an
 * exclusive create (link never replaces), but no file is made, and none deleted when the lock is let
 * go, for each of a run's thousands of purchases. False when it is there already. Where links cannot
 * be made (a FAT disk), the lock is a file of its own (makeLockStep).
 */
export function linkLockStep(io: FileIo, job: { lock: string; owner: string; file: string; freshMs: number }): boolean {
  for (let attempt = 0; ; attempt++) {
    try {
      ownerFileStep(io, job)
      io.fs.linkSync(job.file, job.lock)
      return true
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'EEXIST') return false
      // The owner file removed meanwhile by another process (see removeIdleOwners): made again, once.
      if (code === 'ENOENT' && attempt === 0) continue
      return makeLockStep(io, job)
    }
  }
}

/** A lock let go: its file (or link) removed, whether or not it is still there. */
export function removeLockStep(io: FileIo, lock: string): void {
  io.fs.rmSync(lock, { force: true })
}

/** The lock sequences the thread runs, by name. */
export const LOCK_STEPS = { makeLockStep, linkLockStep, removeLockStep }
export const LOCK_HELPERS = [ownerFileStep]
