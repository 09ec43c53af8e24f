import { createHash } from 'node:crypto'
import { readdir, readFile, realpath } from 'node:fs/promises'
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
}

interface Book {
  version: 1
  outDir: string
  names: Record<string, BookedName>
}

/** One book per output folder, named by its real path. */
async function bookOf(stateDir: string, outDir: string): Promise<{ path: string; lock: string; outDir: string }> {
  const real = await realpath(outDir).catch(() => resolve(outDir))
  const id = createHash('sha256').update(real).digest('hex').slice(0, 32)
  return { path: join(stateDir, 'names', `${id}.json`), lock: join(stateDir, 'locks', `names-${id}`), outDir: real }
}

async function readBook(path: string): Promise<Map<string, BookedName>> {
  const book = await readFile(path, 'utf8')
    .then((text) => JSON.parse(text) as Book)
    .catch(() => null)
  return new Map(book?.version === 1 ? Object.entries(book.names) : [])
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
    const booked = await readBook(book.path)
    const onDisk = await stemsOnDisk(new Set(o.files.map((f) => folderFor(o.outDir, f.outputDir))))
    const planned = planOutputs(o.files, o.outDir, o.naming, { booked, onDisk })
    if (o.save !== false) {
      const names = Object.fromEntries([...booked, ...planned.booked])
      await writeFileAtomic(book.path, JSON.stringify({ version: 1, outDir: book.outDir, names } satisfies Book))
    }
    return planned.plans
  }
  return o.save === false ? plan() : withFileLock(book.lock, plan)
}
