import type { Job, JobState } from '../../shared/jobs'
import type { OperationId, ParamValues } from '../../shared/operations'
import type { PhotoFacts } from '../batch/input'
import type { PlannedOutput } from '../files/output-plan'
import type { PhotoUrl } from '../sources/photo-url'

/** Which of a provider's keys pays: the sandbox key for proofs, the live key for real. Unsaid: the saved key. */
export type KeyKind = 'sandbox' | 'live'

/** What one work item asks for: one photo, through one operation with its own parameters, into one output folder. */
export interface ItemSpec {
  /** The caller's name for the photo (the app's photo id, the CLI's path); every event about it carries it. */
  ref: string
  path: string
  operation: OperationId
  /** Everything sent, the photo's overrides already applied. */
  values: ParamValues
  outDir: string
  /** The names planned for its outputs before anything is sent. */
  output: PlannedOutput
  /** What the caller last saw of the file; read again only when size or time changed. */
  known?: PhotoFacts
  /** Already known not to be sendable: reported as skipped with this reason. */
  skip?: string
  keyKind?: KeyKind
  /** Pay once more for a purchase whose kept result was pruned and whose output file is gone. */
  buyAgain?: boolean
  /** "Fit oversize photos to the provider's limits" (on unless turned off). */
  fit?: boolean
  /** A photo by address: `path` is Proofsheet's copy of it. */
  url?: PhotoUrl
}

export interface NewWorkItem {
  /** The run it belongs to: its progress, summary and cancel. */
  run: string
  spec: ItemSpec
  /** Higher goes first: a single re-run jumps ahead of a running batch. */
  priority: number
  /** The most it may cost, in its provider's unit: what the budget cap counts. */
  maxCost: number
  /** Held back by the budget cap until it is released; otherwise queued. */
  held?: boolean
}

/** A lease: which worker has the item, until when, unless it says it is still alive. */
export interface Lease {
  worker: string
  until: number
  /** When it was handed out, where the store paces its leases (the team queue). */
  since?: number
}

export interface WorkItem extends NewWorkItem {
  id: string
  /** Its state and what is known of its way so far, as the window and the command line show it. */
  job: Job
  lease?: Lease
}

/** States from which a worker may take an item. */
export const LEASABLE: ReadonlySet<JobState> = new Set<JobState>(['queued'])

/** An item's first job: queued, or held by the budget cap. */
export function firstJob(item: NewWorkItem): Job {
  const { ref, path, url } = item.spec
  // A photo by address is told by its address, not by Proofsheet's copy of it.
  const file = url?.href ?? path
  return item.held ? { ref, file, state: 'held', attempts: 0, reason: HELD_REASON } : { ref, file, state: 'queued', attempts: 0 }
}

export const HELD_REASON = 'Waiting: running it would go over the budget cap. Raise the cap, then Resume.'
