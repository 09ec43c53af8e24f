import { createHash, randomBytes } from 'node:crypto'
import { lstat, readdir, rename, rm } from 'node:fs/promises'
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

/** The manifest: written last, so an entry without it (or with files that do not match it) is no entry. */
const MANIFEST = 'result.json'
const INCOMING = '.incoming-'

/** `.incoming-<host>.<pid>.<random>`: who is writing it, so only a provably dead writer's is removed. */
function incomingName(): string {
  return `${INCOMING}${thisHost()}.${process.pid}.${randomBytes(4).toString('hex')}`
}

/** A manifest that says what was bought: one that does not (torn, or not ours) records nothing. */
function recordsSome(meta: CachedResult | null | undefined): meta is CachedResult {
  return Array.isArray(meta?.outputs) && meta.outputs.length > 0
}

function incomingOwner(name: string): { host: string; pid: number } | null {
  const match = /^\.incoming-(.+)\.(\d+)\.[0-9a-f]+$/.exec(name)
  return match ? { host: match[1] as string, pid: Number(match[2]) } : null
}

/**
 * Every paid result, by job key, kept the moment it arrives. An entry is complete or absent: written
 * aside, manifest last, flushed, then renamed into place; on read every file must match the manifest.
 */
export class ResultCache {
  constructor(private readonly dir: string) {}

  private folder(key: string): string {
    return join(this.dir, key.slice(0, 2), key)
  }

  /**
   * A key's entry, in one read: its result when whole (every file as long as its manifest says), or the
   * record of a purchase whose image bytes are gone (pruned, or damaged: the manifest still says what
   * was bought); neither when there is no readable manifest.
   */
  async look(key: string): Promise<{ stored: (CachedResult & { dir: string }) | null; pruned: CachedResult | null }> {
    const dir = this.folder(key)
    const read = await onFileThread('readManifestStep', { dir, name: MANIFEST, sizes: true }).catch(() => null)
    const meta = read?.meta as (CachedResult & { pruned?: boolean }) | undefined
    if (!read || !recordsSome(meta)) return { stored: null, pruned: null }
    const whole = !meta.pruned && read.sizes.every((size, i) => size === meta.outputs[i]?.bytes)
    return whole ? { stored: { ...meta, dir }, pruned: null } : { stored: null, pruned: meta }
  }

  /** Whether the key's entry records its purchase (a manifest that reads), so the journal's record of it may go. */
  async recordsPurchase(key: string): Promise<boolean> {
    return recordsSome(await this.manifest(key))
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

  private manifest(key: string): Promise<(CachedResult & { pruned?: boolean }) | null> {
    return onFileThread('readManifestStep', { dir: this.folder(key), name: MANIFEST, sizes: false })
      .then((read) => (read?.meta as (CachedResult & { pruned?: boolean }) | undefined) ?? null)
      .catch(() => null)
  }

  /** What the cache keeps of an output besides its bytes: enough to recognise a file holding it. */
  describe(output: ProviderOutput): { extension: string; bytes: number; sha256: string } {
    return { extension: output.extension, bytes: output.bytes.length, sha256: sha256(output.bytes) }
  }

  /**
   * Stores a result (and where it was already written, one path per output); call it holding the key's
   * lock, so a damaged entry in the way can be replaced.
   */
  async put(key: string, outputs: ProviderOutput[], metadata: Record<string, string>, warnings: string[], written?: string[]): Promise<CachedResult & { dir: string }> {
    const final = this.folder(key)
    const temp = join(this.dir, incomingName())
    const files = outputs.map((o, i) => ({ file: `${i + 1}.${o.extension}`, ...this.describe(o) }))
    const meta: CachedResult = { outputs: files, metadata, warnings, ...(written ? { delivered: [written] } : {}) }
    // Written aside, manifest last, flushed and renamed into place in one go on the file thread; something in the way is dealt with here.
    const data = [...outputs.map((o, i) => ({ name: files[i]!.file, data: sendable(o.bytes) })), { name: MANIFEST, data: JSON.stringify(meta) }]
    if (!(await onFileThread('putEntryStep', { temp, final, files: data }))) {
      await this.moveIntoPlace(key, temp, final)
      await onFileThread('syncFolderStep', join(final, '..'))
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
