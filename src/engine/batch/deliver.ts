import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { outputPaths, planOutputs, type PlannedOutput } from '../files/output-plan'
import { placeOutput } from '../files/place-output'
import type { StoredResult } from '../journal/purchases'
import type { BatchInput } from './input'

/**
 * The last stage: a paid result copied from the cache to the names planned for it before anything was
 * sent, each written atomically through a partial folder on the same disk.
 */
export class Delivery {
  private readonly partialDir: string
  private readonly plans: Map<string, PlannedOutput>

  constructor(outDir: string, inputs: readonly BatchInput[], expected: { count: number; extension: string }, naming?: string) {
    this.partialDir = join(resolve(outDir), '.proofsheet-partial')
    this.plans = planOutputs(
      inputs.filter((i) => !i.skip),
      outDir,
      expected.count,
      expected.extension,
      naming
    )
  }

  /** Writes the result's outputs for `file`; resolves to where they landed. */
  async deliver(file: string, result: StoredResult): Promise<string[]> {
    const plan = this.plans.get(file) as PlannedOutput
    const destinations = outputPaths(plan, result.outputs.map((o) => o.extension))
    await Promise.all(result.outputs.map((o, i) => placeOutput(join(result.dir, o.file), destinations[i] as string, this.partialDir)))
    return destinations
  }

  /** Leftovers of a killed run in this output folder. */
  clearPartial(): Promise<void> {
    return rm(this.partialDir, { recursive: true, force: true })
  }
}
