import { createHash } from 'node:crypto'
import { lstat, readdir, readFile, realpath } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { withFileLock } from '../purchases/file-lock'
import { writeFileAtomic } from './atomic-write'
import { folderFor, planOutputs, sameOnDisk, type BookedName, type NameRequest, type PlannedOutput } from './output-plan'

export interface ReserveOptions {
  /** The book lives here, beside the purchases, so the app and the CLI share it. */
  stateDir: string
  outDir: string
  naming?: string
  files: NameRequest[]
  /** A dry run plans without remembering anything. */
  save?: boolean
  /** Photos that take no name after all (a RAW whose JPEG is sent in its place): what they had is given up. */
  release?: readonly string[]
  /** How often names of photos whose files are gone are let go (default once a day); 0: every time. */
  trimEveryMs?: number
}

interface Book {
  version: 1
  outDir: string
  names: Record<string, BookedName>
  /** When names of photos whose files are gone were last let go (ms since 1970). */
  trimmedAt?: number
}

const DAY_MS = 24 * 60 * 60_000
/** Files looked at at once when trimming: a book of a hundred thousand names is stat-ed in bounded steps. */
const STATS_AT_ONCE = 64

/** One book per output folder, named by its real path. */
async function bookOf(stateDir: string, outDir: string): Promise<{ path: string; lock: string; outDir: string }> {
  const real = await realpath(outDir).catch(() => resolve(outDir))
  const id = createHash('sha256').update(real).digest('hex').slice(0, 32)
  return { path: join(stateDir, 'names', `${id}.json`), lock: join(stateDir, 'locks', `names-${id}`), outDir: real }
}

async function readBook(path: string): Promise<{ names: Map<string, BookedName>; trimmedAt: number }> {
  const book = await readFile(path, 'utf8')
    .then((text) => JSON.parse(text) as Book)
    .catch(() => null)
  return book?.version === 1 ? { names: new Map(Object.entries(book.names)), trimmedAt: book.trimmedAt ?? 0 } : { names: new Map(), trimmedAt: 0 }
}

/**
 * Names still in use: a photo whose file is gone needs its name no more (a file written under it is
 * still kept from other photos by being on disk), so the book does not grow with every photo ever run.
 */
async function stillInUse(names: Map<string, BookedName>): Promise<Map<string, BookedName>> {
  const entries = [...names]
  const kept = new Map<string, BookedName>()
  for (let i = 0; i < entries.length; i += STATS_AT_ONCE) {
    const step = entries.slice(i, i + STATS_AT_ONCE)
    const there = await Promise.all(step.map(([path]) => lstat(path).then(() => true, () => false)))
    for (const [j, [path, name]] of step.entries()) if (there[j]) kept.set(path, name)
  }
  return kept
}

/** The stems of the files already in the folders these photos go to. */
async function stemsOnDisk(folders: Iterable<string>): Promise<Set<string>> {
  const stems = new Set<string>()
  for (const folder of folders) {
    for (const name of await readdir(folder).catch(() => [] as string[])) stems.add(sameOnDisk(join(folder, name.slice(0, name.length - extname(name).length))))
  }
  return stems
}

/**
 * Names the outputs of every photo of a run at once, across all its parameter groups, against what the
 * output folder already holds, and remembers them: a photo run again, alone or with others, gets the
 * name it got before, and no photo is given a name another photo's file has. Held under a lock, so two
 * runs into one output folder never hand out the same name.
 */
export async function reserveOutputNames(o: ReserveOptions): Promise<Map<string, PlannedOutput>> {
  const book = await bookOf(o.stateDir, o.outDir)
  const plan = async (): Promise<Map<string, PlannedOutput>> => {
    const read = await readBook(book.path)
    for (const path of o.release ?? []) read.names.delete(resolve(path))
    const now = Date.now()
    const trim = now - read.trimmedAt >= (o.trimEveryMs ?? DAY_MS)
    const booked = trim ? await stillInUse(read.names) : read.names
    const onDisk = await stemsOnDisk(new Set(o.files.map((f) => folderFor(o.outDir, f.outputDir))))
    const planned = planOutputs(o.files, o.outDir, o.naming, { booked, onDisk })
    if (o.save !== false) {
      const names = Object.fromEntries([...booked, ...planned.booked])
      await writeFileAtomic(book.path, JSON.stringify({ version: 1, outDir: book.outDir, names, trimmedAt: trim ? now : read.trimmedAt } satisfies Book))
    }
    return planned.plans
  }
  return o.save === false ? plan() : withFileLock(book.lock, plan)
}
