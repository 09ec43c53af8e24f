/**
 * The engine's front door: what the app, the CLI and the benchmarks use. Plain Node, no Electron.
 * src/main and src/cli import the engine only from here (a lint rule holds it).
 */
export { Batch } from './batch/batch'
export type { BatchOptions } from './batch/batch-options'
export type { BatchEvent, BatchSummary } from './batch/events'
export { summarize } from './batch/outcome'
export { inputsFromPaths, nameRequests, type BatchInput, type PhotoFacts } from './batch/input'
export { reserveOutputNames } from './files/name-book'
export { keepCopies } from './files/kept-copies'
export { copyFileAtomic, writeFileAtomic } from './files/atomic-write'
export { JobError, isJobError, type JobErrorKind } from './errors'
export { inspectFile, type Inspection } from './files/inspect'
export { inside } from './files/inside'
export { scanInputs, type FoundFile, type SkippedPath } from './files/scan'
export { decodeHeic } from './images/heic'
export { embeddedPreview } from './images/preview'
export { readExif } from './images/exif'
export { Lanes } from './scheduler/lanes'
export { MemoryWorkStore } from './work/memory-store'
export { planItems, type RunGroup } from './work/plan-items'
export { HELD_REASON, type ItemSpec, type KeyKind, type NewWorkItem, type WorkItem } from './work/work-item'
export { LeasedWrites, type WorkStore } from './work/work-store'
export type { SharedQueue } from './work/shared-queue'
export { RedisWorkStore, type TeamQueueOptions } from './team-queue/redis-work-store'
export { checkQueueUrl, safeQueueLabel, TeamQueueError } from './team-queue/connection'
export type { TeamSpend } from './team-queue/team-budget'
export { Worker, type WorkerOptions } from './worker/worker'
export type { ProviderStop, WorkerEvent } from './worker/worker-types'
export type { LaneState } from './scheduler/provider-lane'
export { cacheUsage, DEFAULT_CACHE_MAX_BYTES, pruneCache } from './purchases/cache-upkeep'
export { SpendLedger } from './purchases/spend-ledger'
export { withFileLock } from './purchases/file-lock'
export { jobKey, purchaseKey, type Seller } from './purchases/job-key'
export { defaultStateDir, openStateDir } from './state-dir'
export { createDispatcher } from './providers/http'
export { mapFiles, paramFilePaths, paramFileProblems, resolveParamPaths } from './providers/param-files'
export {
  allOperations,
  operationById,
  factsOfResult,
  findOperation,
  isProviderId,
  PROVIDERS,
  providerById,
  urlsFromEnv,
  urlsToEnv,
  type ProviderId,
  type ProviderOperation,
  type ProviderUrls
} from './providers/registry'
export type { Balance, ProviderConfig } from './providers/types'
export { isPhotoroomLink } from './providers/photoroom/edit-further'
export type { AddressRule } from './sources/address-guard'
export { inputsFromUrls, type UrlEntry } from './sources/url-inputs'
export { webAddress, type PhotoUrl } from './sources/photo-url'
