import { randomBytes } from 'node:crypto'
import { lstat, readdir, rm, rmdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { ownerIsGone, thisHost } from '../purchases/file-lock'
import { outputPaths, type PlannedOutput } from '../files/output-plan'
import { copyFileAtomic, writeFileAtomic } from '../files/atomic-write'
import { NotARealFolder } from '../files/not-a-real-folder'
import { realFoldersWithin } from '../files/real-folders'
import type { ProviderOutput } from '../providers/types'
import type { StoredResult } from '../purchases/purchases'

const PARTIAL = '.proofsheet-partial'

/**
 * The last stage: a paid result written to the names planned for it before anything was sent (straight
 * from the answer as it arrives, or copied from the cache), each written atomically through a partial
 * folder on the same disk. One per output folder and
 * worker, its partial folder named by its process: two processes writing into one output folder never
 * remove each other's half-written files.
 */
export class Delivery {
  private readonly outDir: string
  private readonly partialRoot: string
  private readonly partialDir: string
  private writes = 0
  private clearing: Promise<void> = Promise.resolve()

  constructor(outDir: string) {
    this.outDir = resolve(outDir)
    this.partialRoot = join(this.outDir, PARTIAL)
    this.partialDir = join(this.partialRoot, `${thisHost()}-${process.pid}-${randomBytes(4).toString('hex')}`)
  }

  /**
   * Writes the result's outputs to the names planned for them; resolves to where they landed. An
   * output already written there as its answer arrived is left as it is.
   */
  deliver(plan: PlannedOutput, result: StoredResult): Promise<string[]> {
    const destinations = outputPaths(plan, result.outputs.map((o) => o.extension))
    return this.writing(destinations, (destination, i) => {
      const source = resolve(result.dir, result.outputs[i]!.file)
      if (source === destination || result.written?.[i] === destination) return undefined
      return copyFileAtomic(source, destination, { tempDir: this.partialDir, within: this.outDir })
    })
  }

  /** A paid answer written straight from memory to the names planned for it, before anything else is done with it. */
  write(plan: PlannedOutput, outputs: readonly ProviderOutput[]): Promise<string[]> {
    const destinations = outputPaths(plan, outputs.map((o) => o.extension))
    return this.writing(destinations, (destination, i) => writeFileAtomic(destination, outputs[i]!.bytes, { tempDir: this.partialDir, within: this.outDir }))
  }

  /** Kept while a run writes (made once, not once per photo), the partial folder is cleared by `tidy` at its end. */
  private async writing(destinations: string[], write: (destination: string, index: number) => Promise<void> | undefined): Promise<string[]> {
    this.writes++
    // A clearing started before this write finishes first.
    await this.clearing
    try {
      await Promise.all(destinations.map(write))
      return destinations
    } finally {
      this.writes--
    }
  }

  /** The partial folder removed unless something is being written: none lingers in the output folder once a run ends. */
  async tidy(): Promise<void> {
    if (this.writes !== 0) return
    // After a clearing already going on (two runs ending together), never beside it.
    const clearing = this.clearing.then(() => this.clearOwn())
    // A folder that could not be removed (held open, on Windows) is left for a later run to clear; later writes go on.
    this.clearing = clearing.catch(() => undefined)
    await clearing
  }

  /** Before buying: the folders its outputs go to are real folders (made where missing), so what is bought can be written. */
  async ready(plan: PlannedOutput): Promise<void> {
    await realFoldersWithin(this.outDir, dirname(plan.base))
  }

  /**
   * Leftovers of runs killed on this machine (their process is gone), never those of a live one; and
   * loose files, which only versions from before per-batch folders left. A link where the partial
   * folder should be is refused (nothing is removed through it).
   */
  async clearAbandoned(): Promise<void> {
    const root = await lstat(this.partialRoot).catch(() => null)
    if (!root) return
    if (!root.isDirectory()) throw new NotARealFolder(this.partialRoot, `${PARTIAL} in ${this.outDir}`)
    // The same folder as looked at, still not swapped for a link, before anything in it is removed.
    const same = async (): Promise<boolean> => {
      const now = await lstat(this.partialRoot).catch(() => null)
      return now !== null && now.isDirectory() && now.ino === root.ino && now.dev === root.dev
    }
    const entries = await readdir(this.partialRoot, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const owner = /^(.+)-(\d+)-[0-9a-f]{8}$/.exec(entry.name)
      const gone = entry.isDirectory() ? owner !== null && ownerIsGone({ host: owner[1] as string, pid: Number(owner[2]) }) : true
      if (!gone) continue
      if (!(await same())) throw new NotARealFolder(this.partialRoot, `${PARTIAL} in ${this.outDir}`)
      await rm(join(this.partialRoot, entry.name), { recursive: true, force: true })
    }
    await this.removeRootIfEmpty()
  }

  /** This worker's partial folder, once it is done; the shared folder too when no other process uses it. */
  async clearOwn(): Promise<void> {
    await rm(this.partialDir, { recursive: true, force: true })
    await this.removeRootIfEmpty()
  }

  private async removeRootIfEmpty(): Promise<void> {
    await rmdir(this.partialRoot).catch(() => undefined)
  }
}
