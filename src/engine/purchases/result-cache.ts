import { createHash, randomBytes } from 'node:crypto'
import { lstat, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../files/atomic-write'
import { onFileThread, sendable } from '../files/file-thread'
import type { ProviderOutput } from '../providers/types'
import { ownerIsGone, thisHost } from './file-lock'

export interface CachedResult {
  /** `sha256` (hex) lets an output file be recognised as this result once its bytes are pruned; older entries lack it. */
  outputs: { file: string; extension: string; bytes: number; sha256?: string }[]
  metadata: Record<string, string>
  warnings: string[]
  /** Where the result was written (each a path per output), newest last: where to find it again. */
  delivered?: string[][]
  /** The app's own copies of the images (one path per output), never forgotten like an old delivery. */
  copies?: string[]
}

/** A manifest as stored: the result, and what says whether it can be trusted as read. */
type Manifest = CachedResult & {
  /** The purchase it records: a manifest read under another key's name (a torn write showing old blocks) records nothing. */
  key?: string
  pruned?: boolean
  /**
   * Not flushed when written: its result was already safe where it was written, and noted so. Until the
   * disk has written it back, a power cut may tear it, so its files are checked byte for byte on read.
   */
  unflushed?: boolean
}

/** How many places a result remembers having been written to. */
const MAX_DELIVERED = 10

/** The entry with this delivery (and these copies) remembered; null when it knows them already. */
function withDelivery<T extends CachedResult>(meta: T, paths: string[], copies?: string[]): T | null {
  const known = meta.delivered?.some((p) => p.join('\0') === paths.join('\0'))
  const sameCopies = !copies || copies.join('\0') === meta.copies?.join('\0')
  if (known && sameCopies) return null
  const delivered = known ? meta.delivered : [...(meta.delivered ?? []), paths].slice(-MAX_DELIVERED)
  return { ...meta, delivered, ...(copies ? { copies } : {}) }
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** Whether `path` holds exactly this output: its size first, then its hash. */
export async function holdsOutput(path: string, output: CachedResult['outputs'][number]): Promise<boolean> {
  if (!output.sha256) return false
  const info = await stat(path).catch(() => null)
  if (!info?.isFile() || info.size !== output.bytes) return false
  return sha256(await readFile(path)) === output.sha256
}

/** How long an unflushed entry may still be only in memory: every system writes back well within it. */
const WRITTEN_BACK_MS = 60 * 60 * 1000

/** The manifest: written last, so an entry without it (or with files that do not match it) is no entry. */
const MANIFEST = 'result.json'
const INCOMING = '.incoming-'

/** `.incoming-<host>.<pid>.<random>`: who is writing it, so only a provably dead writer's is removed. */
function incomingName(): string {
  return `${INCOMING}${thisHost()}.${process.pid}.${randomBytes(4).toString('hex')}`
}

/** A manifest that records `key`'s purchase (one written before manifests named their key is taken at its word). */
function records(meta: Manifest, key: string): boolean {
  return meta.key === undefined || meta.key === key
}

function incomingOwner(name: string): { host: string; pid: number } | null {
  const match = /^\.incoming-(.+)\.(\d+)\.[0-9a-f]+$/.exec(name)
  return match ? { host: match[1] as string, pid: Number(match[2]) } : null
}

/**
 * Every paid result, by job key, kept the moment it arrives. An entry is complete or absent: written
 * aside, manifest last, flushed (unless its result is safe elsewhere), then renamed into place; on
 * read every file must match the manifest.
 */
export class ResultCache {
  constructor(private readonly dir: string) {}

  private folder(key: string): string {
    return join(this.dir, key.slice(0, 2), key)
  }

  /**
   * A key's entry, in one read: its result when whole (every file as long as its manifest says, and an
   * unflushed one's as its hash says), or the record of a purchase whose image bytes were pruned or
   * torn before they were written back; neither for a damaged entry or none.
   */
  async look(key: string): Promise<{ stored: (CachedResult & { dir: string }) | null; pruned: CachedResult | null }> {
    const dir = this.folder(key)
    const read = await onFileThread('readManifestStep', { dir, name: MANIFEST, sizes: true }).catch(() => null)
    const meta = read?.meta as Manifest | undefined
    if (!read || !meta || !records(meta, key)) return { stored: null, pruned: null }
    if (meta.pruned) return { stored: null, pruned: meta }
    const whole = Array.isArray(meta.outputs) && meta.outputs.length > 0 && read.sizes.every((size, i) => size === meta.outputs[i]?.bytes)
    if (!meta.unflushed) return { stored: whole ? { ...meta, dir } : null, pruned: null }
    const intact = whole && (await Promise.all(meta.outputs.map((o) => holdsOutput(join(dir, o.file), o)))).every(Boolean)
    return intact ? { stored: { ...meta, dir }, pruned: null } : { stored: null, pruned: meta }
  }

  /**
   * Whether the key's entry records the purchase the journal's `record` made, so the record may go:
   * its manifest whole, and written back to disk unless it was flushed (a power cut after the journal
   * forgot the purchase must not take the entry with it).
   */
  async recordsPurchase(record: { key: string; at: string }): Promise<boolean> {
    const meta = await this.manifest(record.key)
    if (!meta || !records(meta, record.key)) return false
    return !meta.unflushed || Date.now() - Date.parse(record.at) > WRITTEN_BACK_MS
  }

  async get(key: string): Promise<(CachedResult & { dir: string }) | null> {
    return (await this.look(key)).stored
  }

  /** Remembers where a result was written, and the app's copies of it; call it holding the key's lock, so pruning does not undo it. */
  async recordDelivery(key: string, paths: string[], copies?: string[]): Promise<void> {
    const meta = await this.manifest(key)
    const updated = meta && withDelivery(meta, paths, copies)
    if (updated) await writeFileAtomic(join(this.folder(key), MANIFEST), JSON.stringify(updated))
  }

  /** Whether `recordDelivery` would add anything: most often the result was written there as it arrived, and the entry says so. */
  async deliveryIsNew(key: string, paths: string[], copies?: string[]): Promise<boolean> {
    const meta = await this.manifest(key)
    return !!meta && withDelivery(meta, paths, copies) !== null
  }

  private manifest(key: string): Promise<Manifest | null> {
    return onFileThread('readManifestStep', { dir: this.folder(key), name: MANIFEST, sizes: false })
      .then((read) => (read?.meta as Manifest | undefined) ?? null)
      .catch(() => null)
  }

  /** What the cache keeps of an output besides its bytes: enough to recognise a file holding it. */
  describe(output: ProviderOutput): { extension: string; bytes: number; sha256: string } {
    return { extension: output.extension, bytes: output.bytes.length, sha256: sha256(output.bytes) }
  }

  /**
   * Stores a result (and where it was already written, one path per output); call it holding the key's
   * lock, so a damaged entry in the way can be replaced. `safeElsewhere`: written there and noted on
   * the journal with its hashes; the entry is then not flushed (see `Manifest.unflushed`).
   */
  async put(key: string, outputs: ProviderOutput[], metadata: Record<string, string>, warnings: string[], written?: string[], safeElsewhere = false): Promise<CachedResult & { dir: string }> {
    const final = this.folder(key)
    const temp = join(this.dir, incomingName())
    const files = outputs.map((o, i) => ({ file: `${i + 1}.${o.extension}`, ...this.describe(o) }))
    const meta: Manifest = { key, outputs: files, metadata, warnings, ...(written ? { delivered: [written] } : {}), ...(safeElsewhere ? { unflushed: true } : {}) }
    // Written aside, manifest last, (flushed and) renamed into place in one go on the file thread; something in the way is dealt with here.
    const data = [...outputs.map((o, i) => ({ name: files[i]!.file, data: sendable(o.bytes) })), { name: MANIFEST, data: JSON.stringify(meta) }]
    if (!(await onFileThread('putEntryStep', { temp, final, files: data, flush: !safeElsewhere }))) {
      await this.moveIntoPlace(key, temp, final)
      if (!safeElsewhere) await onFileThread('syncFolderStep', join(final, '..'))
    }
    return { ...meta, dir: final }
  }

  /**
   * The stored entry renamed into place: a damaged one in the way is replaced; another run's complete
   * one is as good as ours. One still in the way after that (it could not be moved aside) fails the put:
   * the purchase then stays on the journal as uncached, never taken for stored.
   */
  private async moveIntoPlace(key: string, temp: string, final: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await rename(temp, final)
      } catch (error) {
        const code = (error as { code?: string }).code ?? ''
        // Windows says EPERM (or EACCES) where a folder is in the way, as it does for a real refusal.
        const taken = ['ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes(code) || (['EPERM', 'EACCES'].includes(code) && (await lstat(final).then(() => true, () => false)))
        const complete = taken && (await this.get(key)) !== null
        if (complete || !taken || attempt > 0) {
          await rm(temp, { recursive: true, force: true })
          if (complete) return
          throw error
        }
        await this.discard(final)
      }
    }
  }

  /** A damaged entry, moved aside in one step so no reader sees it half removed. */
  private async discard(final: string): Promise<void> {
    const aside = join(this.dir, incomingName())
    await rename(final, aside).catch(() => undefined)
    await rm(aside, { recursive: true, force: true })
  }

  /** Leftovers of runs killed while storing a result: only those whose writer is provably gone. */
  async removeAbandoned(): Promise<void> {
    const entries = await readdir(this.dir).catch(() => [] as string[])
    const abandoned = entries.filter((name) => {
      const owner = incomingOwner(name)
      return owner !== null && ownerIsGone(owner)
    })
    await Promise.all(abandoned.map((name) => rm(join(this.dir, name), { recursive: true, force: true })))
  }
}
