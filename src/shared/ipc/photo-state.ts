import type { JobState } from '../jobs'

/** A photo's state in the user's words, as the gallery's badge and filter name it. */
export type PhotoState = 'not-run' | 'queued' | 'sending' | 'done' | 'failed' | 'skipped'

const FROM_JOB: Partial<Record<JobState, PhotoState>> = {
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
  return (job && FROM_JOB[job]) ?? (results > 0 ? 'done' : 'not-run')
}

/** This session's job states that decide a photo's state, by photo id (a job's ref). */
export function jobPhotoStates(jobs: Iterable<{ ref: string; state: JobState }>): Map<number, PhotoState> {
  const states = new Map<number, PhotoState>()
  for (const { ref, state } of jobs) {
    const mapped = FROM_JOB[state]
    if (mapped) states.set(Number(ref), mapped)
  }
  return states
}
