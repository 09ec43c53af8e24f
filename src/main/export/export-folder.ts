import { createHash } from 'node:crypto'
import { constants, createReadStream } from 'node:fs'
import { lstat, open, readdir, readFile, rm } from 'node:fs/promises'
import { isAbsolute, join, posix } from 'node:path'
import { writeFileAtomic } from '../../engine'
import { eachLimited } from './each-limited'

/** Beside the exported files: one line per file written (name, size, SHA-256), so a later export knows which are its own. */
export const RECORD = '.proofsheet-export.jsonl'
/** Where temporary files are written before each is renamed into place; a killed export's leftovers are cleared here. */
const PARTIAL = '.proofsheet-export-partial'
/** As the atomic write names a temporary file beside its destination (how exports wrote before they had a partial folder). */
const LEFTOVER = /^\..+\.[0-9a-f]{12}\.partial$/

interface Written {
  size: number
  sha256: string
}

/** Appends to the record without following a link put in its place (Windows has no such flag, nor such links by default). */
async function appendLine(path: string, line: string): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0))
  try {
    await handle.write(line)
  } finally {
    await handle.close()
  }
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject)
  })
}

/** A name from the record that can only be a file inside the folder. */
const isInnerName = (name: unknown): name is string =>
  typeof name === 'string' && name !== '' && !isAbsolute(name) && !name.includes('\\') && name.split('/').every((s) => s !== '' && s !== '.' && s !== '..')

/**
 * An export folder as one export sees it, under the folder's lock: which files in it Proofsheet wrote
 * (the record says so, and they still hold exactly those bytes) and which it did not. It never
 * replaces a file it did not write: such a file is left as it is and its name is taken.
 */
export class ExportFolder {
  /** Every (size, checksum) the record holds per name: a file is ours if it matches one of them. */
  private readonly record = new Map<string, Written[]>()
  /** Files found to be ours (or written) during this export, by name. */
  private readonly ours = new Map<string, Written>()
  /** Names (relative, `/`, lower case) of files Proofsheet did not write, or that changed since: never given out. */
  readonly taken = new Set<string>()

  private constructor(readonly dir: string) {}

  /** Call while holding the folder's lock: leftovers of a killed export are cleared, the record is read. */
  static async open(dir: string): Promise<ExportFolder> {
    const folder = new ExportFolder(dir)
    await rm(join(dir, PARTIAL), { recursive: true, force: true })
    const info = await lstat(join(dir, RECORD)).catch(() => null)
    // A link where the record should be is not ours to read; the next write replaces the link itself.
    if (info?.isSymbolicLink()) await rm(join(dir, RECORD), { force: true })
    const text = info?.isFile() ? await readFile(join(dir, RECORD), 'utf8') : ''
    for (const line of text.split('\n')) {
      let entry: unknown
      try {
        entry = JSON.parse(line)
      } catch {
        continue
      }
      const { name, size, sha256: sum } = (entry ?? {}) as Record<string, unknown>
      if (isInnerName(name) && typeof size === 'number' && typeof sum === 'string') folder.record.set(name, [...(folder.record.get(name) ?? []), { size, sha256: sum }])
    }
    return folder
  }

  /**
   * Looks at what these folders (relative, '' for the export folder) already hold: a file is ours if
   * the record has it with its present size and checksum; anything else takes its name. Temporary
   * files of a killed export (our own naming) are removed.
   */
  async survey(folders: Iterable<string>): Promise<void> {
    for (const folder of new Set(folders)) {
      const entries = await readdir(join(this.dir, folder), { withFileTypes: true }).catch(() => [])
      const ownCandidates: string[] = []
      for (const entry of entries) {
        const name = posix.join(folder, entry.name)
        if (entry.isFile() && LEFTOVER.test(entry.name)) await rm(join(this.dir, name), { force: true })
        else if (entry.isFile() && this.record.has(name)) ownCandidates.push(name)
        else if (!(folder === '' && [RECORD, PARTIAL].includes(entry.name))) this.taken.add(name.toLowerCase())
      }
      await eachLimited(ownCandidates, 4, async (name) => {
        const found = await this.matching(name)
        if (found) this.ours.set(name, found)
        else this.taken.add(name.toLowerCase())
      })
    }
  }

  /** The file at `name` as the record knows it, when it is there unchanged; undefined otherwise. */
  private async matching(name: string): Promise<Written | undefined> {
    const path = join(this.dir, name)
    const info = await lstat(path).catch(() => null)
    const known = this.record.get(name)?.filter((w) => w.size === info?.size)
    if (!info?.isFile() || !known?.length) return undefined
    const sum = await sha256Of(path)
    return known.find((w) => w.sha256 === sum)
  }

  /**
   * Writes one file atomically (through the partial folder, flushed, renamed), noting it in the record
   * first; unchanged bytes are left alone. Refuses a name whose file is not ours, and a folder on the
   * way that is a link: nothing is written through one.
   */
  async write(name: string, data: Buffer | string): Promise<'written' | 'unchanged'> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    const segments = name.split('/')
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/')
      const info = await lstat(join(this.dir, folder)).catch(() => null)
      if (info && !info.isDirectory()) throw new Error(`${folder} in the export folder is ${info.isSymbolicLink() ? 'a link' : 'not a folder'}; Proofsheet writes only into real folders`)
    }
    const present = await lstat(join(this.dir, name)).catch(() => null)
    const mine = present ? (this.ours.get(name) ?? (await this.matching(name))) : undefined
    if (present && !mine) throw new Error(`${name} appeared in the export folder during the export and is not Proofsheet's; it was left as it is`)
    const written = { size: bytes.length, sha256: sha256(bytes) }
    if (mine && mine.size === written.size && mine.sha256 === written.sha256) return 'unchanged'
    // Noted before the file is renamed into place: a kill in between leaves a line for bytes that are not there, which matches nothing.
    await appendLine(join(this.dir, RECORD), `${JSON.stringify({ name, ...written })}\n`)
    this.record.set(name, [...(this.record.get(name) ?? []), written])
    await writeFileAtomic(join(this.dir, name), bytes, { tempDir: join(this.dir, PARTIAL) })
    this.ours.set(name, written)
    return 'written'
  }

  /** The record rewritten to one line per file still there (the newest for what this export saw), and the partial folder removed. */
  async close(): Promise<void> {
    const lines: string[] = []
    for (const [name, versions] of this.record) {
      const seen = this.ours.get(name)
      if (seen) lines.push(JSON.stringify({ name, ...seen }))
      else if (!this.taken.has(name.toLowerCase()) && await lstat(join(this.dir, name)).then((i) => i.isFile(), () => false)) lines.push(...versions.map((w) => JSON.stringify({ name, ...w })))
    }
    await writeFileAtomic(join(this.dir, RECORD), lines.length ? `${lines.join('\n')}\n` : '', { tempDir: join(this.dir, PARTIAL) })
    await rm(join(this.dir, PARTIAL), { recursive: true, force: true })
  }
}
