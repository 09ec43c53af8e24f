import type { Cost } from '../../shared/operations'
import type { ProviderId } from '../providers/registry'
import type { Balance } from '../providers/types'
import type { LaneState } from '../scheduler/provider-lane'

export type JobState =
  | 'queued' // found, waiting to be checked
  | 'ready' // checked, waiting for its turn
  | 'sending'
  | 'retrying' // a temporary failure; it will be sent again
  | 'waiting' // the provider is paused (credits ran out); resumes on demand
  | 'done' // sent, paid for, written
  | 'reused' // an earlier run already paid for this exact result
  | 'skipped' // never sent: the file is not something the provider would take
  | 'failed' // sent (or about to be) and refused for good
  | 'blocked' // not sent: the provider stopped (credits ran out in a headless run)
  | 'cancelled'
  | 'estimated' // dry run: would be sent

export const FINAL_STATES: ReadonlySet<JobState> = new Set(['done', 'reused', 'skipped', 'failed', 'blocked', 'cancelled', 'estimated'])

export interface JobSnapshot {
  id: number
  file: string
  state: JobState
  /** Why it was skipped, failed, retried or is waiting; written for a photographer. */
  reason?: string
  outputs?: string[]
  warnings?: string[]
  metadata?: Record<string, string>
  attempts: number
  /** Identical bytes and parameters as this job: sent once, written for both. */
  sameAs?: number
}

export type BatchEvent =
  | { type: 'job'; job: JobSnapshot }
  | { type: 'provider'; provider: ProviderId; state: LaneState }
  | { type: 'notice'; message: string }
  | { type: 'balance'; balance: Balance }

export interface BatchSummary {
  total: number
  counts: Record<JobState, number>
  /** Dry run: what sending would cost; otherwise what was spent. */
  cost: Cost
  /** Why the run ended early, if it did. */
  stoppedBecause?: 'credits' | 'auth' | 'cancelled'
  message?: string
}
