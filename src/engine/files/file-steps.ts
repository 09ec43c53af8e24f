/**
 * The file work of a photo's hot path, each sequence in one go, synchronously, on the file thread
 * (file-thread.ts). Handing each of ~40 file calls to libuv's pool and back cost about a third of the
 * engine's CPU a photo; one hand-off per sequence does not.
 *
 * These functions are sent to the thread as their source text: each may use only its arguments, the
 * globals, and the other functions of this file (by name). Nothing imported, nothing at module level.
 */
import type * as Fs from 'node:fs'
import type * as Path from 'node:path'

/** What the steps may touch, handed in by the thread. */
export interface FileIo {
  fs: typeof Fs
  path: typeof Path
}

/** The folders between a folder the user chose (`top`, trusted as it is) and one below it, each checked on the way. */
export interface Way {
  top: string
  /** Every folder from just below `top` down to the one asked for. */
  levels: string[]
}

/** Folders to make: checked one level at a time below a chosen folder, or simply made (our own state folders). */
export type Folders = { way: Way } | { make: string }

export interface ReplaceJob {
  path: string
  /** The temporary file, on the same disk: made anew, filled, flushed, renamed over `path`. */
  temp: string
  fill: { data: Uint8Array | string } | { copyOf: string }
  /** `path`'s folder, made first (none when it is the chosen folder, made with the temporary one's). */
  target: Folders | null
  tempFolders: Folders
  /** A temporary folder of ours outside a chosen one: checked to be no link. */
  tempCheck: Way | null
  /** `path`'s folders looked at again right before the rename: one swapped for a link meanwhile is refused. */
  recheck: Way | null
}

export interface JournalWrite {
  fd: number
  text: string
  path: string
  ino: bigint
  dev: bigint
}

/** A folder that is a link or no folder: revived on the calling side as a NotARealFolder. */
function notARealFolder(io: FileIo, top: string, path: string): Error {
  const where = `${io.path.relative(top, path).split(io.path.sep).join('/')} in ${top}`
  return Object.assign(new Error(where), { name: 'NotARealFolder', path, where })
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string }).code
}

/** One level looked at without following a link, made if missing (mkdir never follows a link at its last level): a real folder or a refusal. */
function levelStep(io: FileIo, top: string, path: string): void {
  let info = io.fs.lstatSync(path, { throwIfNoEntry: false })
  if (!info) {
    try {
      io.fs.mkdirSync(path)
    } catch (error) {
      // One made meanwhile is looked at again.
      if (codeOf(error) !== 'EEXIST') throw error
    }
    info = io.fs.lstatSync(path)
  }
  if (!info.isDirectory()) throw notARealFolder(io, top, path)
}

/** Every level of `way` a real folder, made where missing; the chosen folder made only when it is missing. */
export function realFoldersStep(io: FileIo, way: Way): void {
  if (!way.levels.length) return void io.fs.mkdirSync(way.top, { recursive: true })
  const walk = (): void => way.levels.forEach((path) => levelStep(io, way.top, path))
  try {
    walk()
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error
    io.fs.mkdirSync(way.top, { recursive: true })
    walk()
  }
}

function foldersStep(io: FileIo, folders: Folders): void {
  if ('way' in folders) realFoldersStep(io, folders.way)
  else io.fs.mkdirSync(folders.make, { recursive: true })
}

/** `data` written to `path` and flushed; `fresh`: made anew, a link or file at its name refused. */
function writeDurablyStep(io: FileIo, { path, data, fresh }: { path: string; data: Uint8Array | string; fresh: boolean }): void {
  const fd = io.fs.openSync(path, fresh ? 'wx' : 'w')
  try {
    io.fs.writeFileSync(fd, data)
    io.fs.fsyncSync(fd)
  } finally {
    io.fs.closeSync(fd)
  }
}

/** A rename is durable once its folder is flushed; Windows cannot open a folder for that, and needs not. */
export function syncFolderStep(io: FileIo, dir: string): void {
  let fd: number
  try {
    fd = io.fs.openSync(dir, 'r')
  } catch {
    return
  }
  try {
    io.fs.fsyncSync(fd)
  } catch {
    // Some file systems refuse to flush a folder; the rename stands regardless.
  } finally {
    io.fs.closeSync(fd)
  }
}

function fillStep(io: FileIo, temp: string, fill: ReplaceJob['fill']): void {
  if ('data' in fill) return writeDurablyStep(io, { path: temp, data: fill.data, fresh: true })
  io.fs.copyFileSync(fill.copyOf, temp, io.fs.constants.COPYFILE_EXCL)
  const fd = io.fs.openSync(temp, 'r+')
  try {
    io.fs.fsyncSync(fd)
  } finally {
    io.fs.closeSync(fd)
  }
}

/** The atomic replace of atomic-write.ts: folders, temporary file filled and flushed, renamed over, folder flushed. */
export function replaceStep(io: FileIo, job: ReplaceJob): void {
  if (job.target) foldersStep(io, job.target)
  // Another writer may remove an emptied temporary folder between the two levels: make it again.
  try {
    foldersStep(io, job.tempFolders)
  } catch {
    foldersStep(io, job.tempFolders)
  }
  if (job.tempCheck) realFoldersStep(io, job.tempCheck)
  try {
    fillStep(io, job.temp, job.fill)
    if (job.recheck) realFoldersStep(io, job.recheck)
    io.fs.renameSync(job.temp, job.path)
  } catch (error) {
    io.fs.rmSync(job.temp, { force: true })
    throw error
  }
  syncFolderStep(io, io.path.dirname(job.path))
}

export interface EntryJob {
  /** Where the entry is written aside, then renamed to `final`. */
  temp: string
  final: string
  files: { name: string; data: Uint8Array | string }[]
}

/**
 * A result cache entry written aside (every file flushed, the manifest last in `files`), renamed into
 * place and its folder flushed; false when something is in the way of the rename: the caller decides,
 * the entry kept aside.
 */
export function putEntryStep(io: FileIo, { temp, final, files }: EntryJob): boolean {
  try {
    io.fs.mkdirSync(temp, { recursive: true })
    for (const file of files) writeDurablyStep(io, { path: io.path.join(temp, file.name), data: file.data, fresh: false })
    io.fs.mkdirSync(io.path.dirname(final), { recursive: true })
  } catch (error) {
    // A full disk: what was written of it is given back at once, not left for a later run to find.
    io.fs.rmSync(temp, { recursive: true, force: true })
    throw error
  }
  try {
    io.fs.renameSync(temp, final)
  } catch {
    return false
  }
  syncFolderStep(io, io.path.dirname(final))
  return true
}

/**
 * Appended to the open journal and flushed; true when its name no longer leads to that file (another
 * run compacted or removed it). The name is looked up, not only the open file's link count: on a
 * network share a file removed while open is renamed aside by the client and keeps its link. What the
 * name leads to having no link left is the open file itself, removed, seen through a client's cached name.
 */
export function appendStep(io: FileIo, { fd, text, path, ino, dev }: JournalWrite): boolean {
  const bytes = Buffer.from(text)
  for (let done = 0; done < bytes.length; ) done += io.fs.writeSync(fd, bytes, done)
  io.fs.fdatasyncSync(fd)
  try {
    const now = io.fs.statSync(path, { bigint: true })
    return now.ino !== ino || now.dev !== dev || now.nlink === 0n
  } catch {
    return true
  }
}

/** Where a journal was read up to: its file (a compacted journal is another file at the same name) and the end of its last whole line. */
export interface ReadUpTo {
  ino: bigint
  dev: bigint
  offset: number
}

/**
 * The whole lines appended to a journal since `upTo` (all of it, when its name now leads to another
 * file, or it was never read), and where that leaves the reading; empty text when there is no journal.
 */
export function journalTailStep(io: FileIo, { path, upTo }: { path: string; upTo: ReadUpTo | null }): { text: string; upTo: ReadUpTo | null } {
  let fd: number
  try {
    fd = io.fs.openSync(path, 'r')
  } catch {
    return { text: '', upTo }
  }
  try {
    const { ino, dev, size } = io.fs.fstatSync(fd, { bigint: true })
    const from = upTo && upTo.ino === ino && upTo.dev === dev ? upTo.offset : 0
    const bytes = Buffer.alloc(Math.max(0, Number(size) - from))
    for (let done = 0; done < bytes.length; ) {
      const read = io.fs.readSync(fd, bytes, done, bytes.length - done, from + done)
      if (read === 0) break
      done += read
    }
    // A line another process is still appending is read next time, whole.
    const whole = bytes.lastIndexOf(10) + 1
    return { text: bytes.subarray(0, whole).toString('utf8'), upTo: { ino, dev, offset: from + whole } }
  } finally {
    io.fs.closeSync(fd)
  }
}

export interface PhotoLook {
  /** The photo's real path, and the output folder's (null without one): a photo inside it is a result, not sent again. */
  real: string
  outReal: string | null
  /** Followed through links; null when it cannot be looked at. */
  file: { size: number; mtimeMs: number; isFile: boolean } | null
  /** The whole file, when asked for and a file no bigger than `readUpTo`; null otherwise or when it cannot be read. */
  bytes: Uint8Array | null
}

/** A photo's first look in one go: where it really is, its size and time, and (asked for) its bytes. */
export function lookAtPhotoStep(io: FileIo, { path, outDir, read, readUpTo }: { path: string; outDir: string | null; read: boolean; readUpTo: number }): PhotoLook {
  const real = (p: string): string => {
    try {
      return io.fs.realpathSync.native(p)
    } catch {
      return p
    }
  }
  let info: Fs.Stats | undefined
  try {
    info = io.fs.statSync(path, { throwIfNoEntry: false })
  } catch {
    info = undefined
  }
  let bytes: Uint8Array | null = null
  if (read && info?.isFile() && info.size <= readUpTo) {
    try {
      bytes = io.fs.readFileSync(path)
    } catch {
      bytes = null
    }
  }
  const file = info ? { size: info.size, mtimeMs: info.mtimeMs, isFile: info.isFile() } : null
  return { real: real(path), outReal: outDir === null ? null : real(outDir), file, bytes }
}

/**
 * A manifest read and parsed (null when there is none, or it is not JSON), with the size of each file
 * it lists when asked (-1 for one missing). A miss is the usual answer on the way to buying: found out
 * without an error made for it.
 */
export function readManifestStep(io: FileIo, { dir, name, sizes }: { dir: string; name: string; sizes: boolean }): { meta: unknown; sizes: number[] } | null {
  const path = io.path.join(dir, name)
  if (!io.fs.statSync(path, { throwIfNoEntry: false })) return null
  let meta: { outputs?: { file?: unknown }[] }
  try {
    meta = JSON.parse(io.fs.readFileSync(path, 'utf8')) as typeof meta
  } catch {
    return null
  }
  const listed = sizes && Array.isArray(meta?.outputs) ? meta.outputs : []
  // A file that cannot be looked at (being pruned, say) is a missing one: the manifest still says what was bought.
  const size = (file: unknown): number => {
    try {
      return io.fs.statSync(io.path.join(dir, String(file)), { throwIfNoEntry: false })?.size ?? -1
    } catch {
      return -1
    }
  }
  return { meta, sizes: listed.map((o) => size(o?.file)) }
}

/** Bytes with a buffer of their own: a view of a bigger one (a part of a response, Node's shared pool) would cross whole. */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes)
}

/** What an answer hands over rather than copies: bytes read here, with a buffer of their own. */
export function handedOver(value: unknown): ArrayBuffer[] {
  const bytes = (value as { bytes?: unknown } | null)?.bytes
  if (!(bytes instanceof Uint8Array)) return []
  const own = ownBytes(bytes)
  ;(value as { bytes: Uint8Array }).bytes = own
  return [own.buffer as ArrayBuffer]
}

/** An error as it crosses back: a file system error keeps its code, a refused folder its path. */
export function describeError(error: unknown): Record<string, unknown> {
  const e = error as Record<string, unknown>
  const described: Record<string, unknown> = { name: e?.name ?? 'Error', message: e instanceof Error ? e.message : String(error) }
  for (const field of ['code', 'errno', 'syscall', 'path', 'dest', 'where']) if (e?.[field] !== undefined) described[field] = e[field]
  return described
}

/** The sequences the thread runs, by name; its own helpers ride along. */
export const STEPS = { lookAtPhotoStep, readManifestStep, realFoldersStep, replaceStep, putEntryStep, syncFolderStep, appendStep, journalTailStep }
export const HELPERS = [notARealFolder, codeOf, levelStep, foldersStep, writeDurablyStep, fillStep, ownBytes, handedOver, describeError]
