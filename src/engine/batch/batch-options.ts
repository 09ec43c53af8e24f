import type { ParamValues } from '../../shared/operations'
import type { PlannedOutput } from '../files/output-plan'
import type { ProviderOperation, ProviderUrls } from '../providers/registry'
import type { Lanes } from '../scheduler/lanes'
import type { BatchInput } from './input'

/** What a batch is asked to do, and how carefully. */
export interface BatchOptions {
  inputs: BatchInput[]
  operation: ProviderOperation
  values: ParamValues
  outDir: string
  apiKey: string
  urls: ProviderUrls
  /** Where paid results and the journal live, shared by every run so nothing is bought twice. */
  stateDir: string
  /** Kept image bytes above this are pruned, oldest first, when the batch starts (default 5 GB). */
  cacheMaxBytes?: number
  /** The most requests at once; fewer when the provider turns out to take fewer. */
  concurrency: number
  requestsPerSecond: number
  /** The user stated the plan's rate (`--rate`): pace at it. Otherwise it is a ceiling, and the real rate is found from 429s. */
  rateKnown?: boolean
  dryRun?: boolean
  /** Headless: when credits run out, end the run instead of waiting for a top-up. */
  stopWhenCreditsRunOut?: boolean
  /** Headless: when the provider stays unreachable (or asks for a long wait) this long, end the run. */
  stopWhenUnreachableForMs?: number
  /** Shared with other batches so they respect one provider limit together. */
  lanes?: Lanes
  /** Higher goes first: a single re-run jumps ahead of a running batch. */
  priority?: number
  /** Overrides the per-operation request timeout. */
  timeoutMs?: number
  /** Output file name pattern; `{name}` is the input's own name. */
  naming?: string
  /** Names planned by the caller for a whole run of several batches (by input path); otherwise the batch reserves its own. */
  outputNames?: ReadonlyMap<string, PlannedOutput>
  /** "Fit oversize photos to the provider's limits" (on unless turned off): off skips them with the reason. */
  fitOversize?: boolean
  /**
   * Where the app keeps its own copy of each result (see keepCopies). Kept there as results arrive,
   * and remembered as a place a pruned result is found again.
   */
  keepCopiesIn?: string
  /** Buy again a photo bought before whose kept result was pruned and whose output file is gone or changed. */
  buyAgain?: boolean
}
