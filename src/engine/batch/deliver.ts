import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { outputPaths, type PlannedOutput } from '../files/output-plan'
import { placeOutput } from '../files/place-output'
import type { StoredResult } from '../journal/purchases'

/**
 * The last stage: a paid result copied from the cache to the names planned for it before anything was
 * sent, each written atomically through a partial folder on the same disk.
 */
export class Delivery {
  private readonly partialDir: string
  private plans = new Map<string, PlannedOutput>()

  constructor(outDir: string) {
    this.partialDir = join(resolve(outDir), '.proofsheet-partial')
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
        return source === destinations[i] ? undefined : placeOutput(source, destinations[i] as string, this.partialDir)
      })
    )
    return destinations
  }

  /** Leftovers of a killed run in this output folder. */
  clearPartial(): Promise<void> {
    return rm(this.partialDir, { recursive: true, force: true })
  }
}
