import { randomBytes } from 'node:crypto'
import { lstat, readdir, rm, rmdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { ownerIsGone, thisHost } from '../purchases/file-lock'
import { outputPaths, type PlannedOutput } from '../files/output-plan'
import { copyFileAtomic } from '../files/atomic-write'
import { NotARealFolder, realFoldersWithin } from '../files/real-folders'
import type { StoredResult } from '../purchases/purchases'

const PARTIAL = '.proofsheet-partial'

/**
 * The last stage: a paid result copied from the cache to the names planned for it before anything was
 * sent, each written atomically through a partial folder on the same disk. One per output folder and
 * worker, its partial folder named by its process: two processes writing into one output folder never
 * remove each other's half-written files.
 */
export class Delivery {
  private readonly outDir: string
  private readonly partialRoot: string
  private readonly partialDir: string
  private writing = 0
  private clearing: Promise<void> = Promise.resolve()

  constructor(outDir: string) {
    this.outDir = resolve(outDir)
    this.partialRoot = join(this.outDir, PARTIAL)
    this.partialDir = join(this.partialRoot, `${thisHost()}-${process.pid}-${randomBytes(4).toString('hex')}`)
  }

  /**
   * Writes the result's outputs to the names planned for them; resolves to where they landed. The
   * partial folder is there only while something is being written: none lingers in the output folder.
   */
  async deliver(plan: PlannedOutput, result: StoredResult): Promise<string[]> {
    this.writing++
    // A clearing started before this write finishes first.
    await this.clearing
    try {
      const destinations = outputPaths(plan, result.outputs.map((o) => o.extension))
      await Promise.all(
        result.outputs.map((o, i) => {
          const source = resolve(result.dir, o.file)
          return source === destinations[i] ? undefined : copyFileAtomic(source, destinations[i] as string, { tempDir: this.partialDir, within: this.outDir })
        })
      )
      return destinations
    } finally {
      if (--this.writing === 0) await (this.clearing = this.clearOwn())
    }
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
