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
 * sent, each written atomically through a partial folder on the same disk. Each batch has its own
 * partial folder, named by its process: two batches writing into one output folder (two parameter
 * groups, two CLI runs) never remove each other's half-written files.
 */
export class Delivery {
  private readonly partialRoot: string
  private readonly partialDir: string
  private plans = new Map<string, PlannedOutput>()

  constructor(outDir: string) {
    this.partialRoot = join(resolve(outDir), PARTIAL)
    this.partialDir = join(this.partialRoot, `${thisHost()}-${process.pid}-${randomBytes(4).toString('hex')}`)
  }

  /** The names planned for this batch's photos (by input path), before anything is sent. */
  plan(plans: ReadonlyMap<string, PlannedOutput>): void {
    this.plans = new Map(plans)
  }

  /** Where `file`'s result goes, for the formats it came back in. */
  destinations(file: string, extensions: string[]): string[] {
    return outputPaths(this.plans.get(file) as PlannedOutput, extensions)
  }

  /** Writes the result's outputs for `file`; resolves to where they landed. A file already there is left as it is. */
  async deliver(file: string, result: StoredResult): Promise<string[]> {
    const destinations = this.destinations(file, result.outputs.map((o) => o.extension))
    await Promise.all(
      result.outputs.map((o, i) => {
        const source = resolve(result.dir, o.file)
        return source === destinations[i] ? undefined : copyFileAtomic(source, destinations[i] as string, { tempDir: this.partialDir })
      })
    )
    return destinations
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

  /** This batch's partial folder, once it is done; the shared folder too when no other batch uses it. */
  async clearOwn(): Promise<void> {
    await rm(this.partialDir, { recursive: true, force: true })
    await this.removeRootIfEmpty()
  }

  private async removeRootIfEmpty(): Promise<void> {
    await rmdir(this.partialRoot).catch(() => undefined)
  }
}
