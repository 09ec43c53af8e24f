import type { JobState } from '../jobs'

/** A photo's state in the user's words, as the gallery's badge and filter name it. */
export type PhotoState = 'not-run' | 'queued' | 'sending' | 'done' | 'failed' | 'skipped'

/** The photo state each job state means; the catalog's gallery query reads the same table. */
export const PHOTO_STATE_OF_JOB: Partial<Record<JobState, PhotoState>> = {
  queued: 'queued',
  held: 'queued',
  ready: 'queued',
  waiting: 'queued',
  retrying: 'sending',
  sending: 'sending',
  done: 'done',
  reused: 'done',
  skipped: 'skipped',
  failed: 'failed',
  blocked: 'failed'
}

/** A cancelled or estimated job says nothing new: the photo keeps what its results say. */
export function photoState(job: JobState | undefined, results: number): PhotoState {
  return (job && PHOTO_STATE_OF_JOB[job]) ?? (results > 0 ? 'done' : 'not-run')
}
