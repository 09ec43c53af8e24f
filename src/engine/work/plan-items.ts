import { basename } from 'node:path'
import type { ParamValues } from '../../shared/operations'
import { RAW_NAME } from '../../shared/images/formats'
import { nameRequests, type BatchInput } from '../batch/input'
import { reserveOutputNames } from '../files/name-book'
import type { PlannedOutput } from '../files/output-plan'
import { siblingOf } from '../images/raw'
import type { ProviderOperation } from '../providers/registry'
import type { KeyKind, NewWorkItem } from './work-item'

/** Photos sent through one operation with one set of parameters (each photo's overrides applied). */
export interface RunGroup {
  operation: ProviderOperation
  values: ParamValues
  inputs: BatchInput[]
  /** One photo's price with the key that will pay (a sandbox key pays nothing); by the run's key kind when unsaid. */
  cost?: number
}

export interface PlanOptions {
  run: string
  outDir: string
  stateDir: string
  /** Output file name pattern; `{name}` is the input's own name. */
  naming?: string
  /** A dry run plans names without remembering them. */
  save?: boolean
  /** Names already planned by the caller (by input path); otherwise reserved here. */
  outputNames?: ReadonlyMap<string, PlannedOutput>
  priority?: number
  keyKind?: KeyKind
  buyAgain?: boolean
  fit?: boolean
}

/**
 * A run's work items: one per photo, its outputs named before anything is sent (across every group,
 * so two groups writing into one folder never pick the same name), and a RAW file whose JPEG is in the
 * same run left to the JPEG.
 */
export async function planItems(groups: readonly RunGroup[], o: PlanOptions): Promise<NewWorkItem[]> {
  const paths = new Set(groups.flatMap((g) => g.inputs.map((i) => i.path)))
  // A RAW whose JPEG is in the run is skipped before naming: the pair's name goes to the JPEG sent.
  const paired = new Map<string, string>()
  for (const { path } of groups.flatMap((g) => g.inputs)) {
    const skip = await pairedSkip(path, paths)
    if (skip) paired.set(path, skip)
  }
  const named = (inputs: BatchInput[]): BatchInput[] => inputs.filter((i) => !paired.has(i.path))
  const requests = groups.flatMap((g) => nameRequests(named(g.inputs), g.operation.expectedOutputs(g.values)))
  const reserve = { stateDir: o.stateDir, outDir: o.outDir, naming: o.naming, files: requests, save: o.save, release: [...paired.keys()] }
  const names = o.outputNames ?? (await reserveOutputNames(reserve))
  const items: NewWorkItem[] = []
  for (const { operation, values, inputs, cost } of groups) {
    const maxCost = cost ?? operation.cost(values, { sandbox: o.keyKind === 'sandbox' }).amount
    for (const input of inputs) {
      const skip = input.skip ?? paired.get(input.path)
      items.push({
        run: o.run,
        priority: o.priority ?? 0,
        // A photo known not to be sent costs nothing: the budget cap does not count it.
        maxCost: skip ? 0 : maxCost,
        spec: {
          ref: input.ref,
          path: input.path,
          operation: operation.id,
          values,
          outDir: o.outDir,
          output: names.get(input.path) ?? { base: input.path, count: 0 },
          ...(input.known ? { known: input.known } : {}),
          ...(skip ? { skip } : {}),
          ...(o.keyKind ? { keyKind: o.keyKind } : {}),
          ...(o.buyAgain ? { buyAgain: true } : {}),
          ...(o.fit === false ? { fit: false } : {}),
          ...(input.url ? { url: input.url } : {})
        }
      })
    }
  }
  return items
}

/** A RAW file whose JPEG is in the same run leaves the sending to it (no provider takes RAW). */
async function pairedSkip(path: string, paths: ReadonlySet<string>): Promise<string | undefined> {
  if (!RAW_NAME.test(path)) return undefined
  const sibling = await siblingOf(path)
  return sibling && paths.has(sibling) ? `a RAW file whose ${basename(sibling)} is in this batch too and is sent instead (no provider takes RAW)` : undefined
}
