import { randomBytes } from 'node:crypto'
import { basename, dirname, extname, join, resolve } from 'node:path'
import type { Folders, ReplaceJob } from './file-steps'
import { onFileThread, sendable } from './file-thread'
import { wayTo } from './real-folders'

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
 * it, or in `tempDir` on the same disk) is filled, flushed, renamed over `path`, and the folder
 * flushed: all of it on the file thread, in one go (file-steps.ts, replaceStep).
 */
async function replaceAtomically(path: string, fill: ReplaceJob['fill'], o: AtomicOptions): Promise<void> {
  const tempDir = o.tempDir ?? dirname(path)
  const folders = (dir: string): Folders => (o.within ? { way: wayTo(o.within, dir) } : { make: dir })
  // Folders below the chosen one are checked (the chosen one is made with the temporary folder's).
  const below = !o.within || o.tempDir === undefined || resolve(dirname(path)) !== resolve(o.within)
  // Short, not the destination's name: a name near the file system's limit would not fit with a prefix.
  const name = o.tempDir ? `${randomBytes(6).toString('hex')}${extname(path)}` : `.${basename(path).slice(0, 64)}.${randomBytes(6).toString('hex')}.partial`
  await onFileThread('replaceStep', {
    path,
    temp: join(tempDir, name),
    fill,
    target: below ? folders(dirname(path)) : null,
    tempFolders: folders(tempDir),
    // A temporary folder of ours is never a link: nothing is written through one put in its place.
    tempCheck: o.tempDir && !o.within ? wayTo(dirname(tempDir), tempDir) : null,
    recheck: o.within && below ? wayTo(o.within, dirname(path)) : null
  })
}

/** Writes `data` to `path` atomically and durably (see replaceAtomically). */
export function writeFileAtomic(path: string, data: Uint8Array | string, o: AtomicOptions = {}): Promise<void> {
  return replaceAtomically(path, { data: sendable(data) }, o)
}

/** Copies `source` over `destination` atomically and durably: a killed run leaves no half-written file. */
export function copyFileAtomic(source: string, destination: string, o: AtomicOptions = {}): Promise<void> {
  return replaceAtomically(destination, { copyOf: source }, o)
}
