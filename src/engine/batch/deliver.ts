import { randomBytes } from 'node:crypto'
import { readdir, rm, rmdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { ownerIsGone, thisHost } from '../purchases/file-lock'
import { outputPaths, type PlannedOutput } from '../files/output-plan'
import { copyFileAtomic } from '../files/atomic-write'
import type { StoredResult } from '../purchases/purchases'

const PARTIAL = '.proofsheet-partial'

/**
 * The last stage: a paid result copied from the cache to the names planned for it before anything was
 * sent, each written atomically through a partial folder on the same disk. One per output folder and
 * worker, its partial folder named by its process: two processes writing into one output folder never
 * remove each other's half-written files.
 */
export class Delivery {
  private readonly partialRoot: string
  private readonly partialDir: string
  private writing = 0
  private clearing: Promise<void> = Promise.resolve()

  constructor(outDir: string) {
    this.partialRoot = join(resolve(outDir), PARTIAL)
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
          return source === destinations[i] ? undefined : copyFileAtomic(source, destinations[i] as string, { tempDir: this.partialDir })
        })
      )
      return destinations
    } finally {
      if (--this.writing === 0) await (this.clearing = this.clearOwn())
    }
  }

  /**
   * Leftovers of runs killed on this machine (their process is gone), never those of a live one; and
   * loose files, which only versions from before per-batch folders left.
   */
  async clearAbandoned(): Promise<void> {
    const entries = await readdir(this.partialRoot, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const owner = /^(.+)-(\d+)-[0-9a-f]{8}$/.exec(entry.name)
      const gone = entry.isDirectory() ? owner !== null && ownerIsGone({ host: owner[1] as string, pid: Number(owner[2]) }) : true
      if (gone) await rm(join(this.partialRoot, entry.name), { recursive: true, force: true })
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
