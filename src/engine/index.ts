/**
 * The engine's front door: what the app, the CLI and the benchmarks use. Plain Node, no Electron.
 */
export { Batch } from './batch/batch'
export type { BatchOptions } from './batch/batch-options'
export type { BatchEvent, BatchSummary } from './batch/events'
export { inputsFromPaths, nameRequests, type BatchInput, type PhotoFacts } from './batch/input'
export { reserveOutputNames } from './files/name-book'
export { keepCopies } from './files/kept-copies'
export { JobError, isJobError, type JobErrorKind } from './errors'
export { inspectFile, type Inspection } from './files/inspect'
export { inside } from './files/inside'
export { scanInputs, type FoundFile, type SkippedPath } from './files/scan'
export { Lanes } from './scheduler/lanes'
export type { LaneState } from './scheduler/provider-lane'
export { defaultStateDir } from './state-dir'
export {
  allOperations,
  findOperation,
  PROVIDERS,
  providerById,
  urlsFromEnv,
  type ProviderId,
  type ProviderOperation,
  type ProviderUrls
} from './providers/registry'
export type { Balance, ProviderConfig } from './providers/types'
