import type { Cost } from '../../shared/operations'
import type { ProviderId } from '../providers/registry'
import type { Job, JobState } from '../../shared/jobs'
import type { Balance } from '../providers/types'
import type { LaneState } from '../scheduler/provider-lane'
import type { PhotoFacts } from './input'

export type BatchEvent =
  | { type: 'job'; job: Job }
  /** What the engine learnt about a photo it had to look at again: the caller keeps it, so the next run need not. */
  | { type: 'checked'; ref: string; facts: PhotoFacts }
  | { type: 'provider'; provider: ProviderId; state: LaneState }
  | { type: 'notice'; message: string }
  | { type: 'balance'; balance: Balance }

export interface BatchSummary {
  total: number
  counts: Record<JobState, number>
  /** Dry run: what sending would cost; otherwise what was spent. */
  cost: Cost
  /** Photos a request for which got no answer, or lost a paid one: `twice` when the photo was bought again. */
  mayHaveBeenCharged: { file: string; twice: boolean; reason: string }[]
  /** Why the run ended early, if it did. */
  stoppedBecause?: 'credits' | 'auth' | 'unreachable' | 'not-saved' | 'cancelled'
  message?: string
}
