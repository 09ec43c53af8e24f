import type { Cost } from '../../shared/operations'
import { isJobError } from '../errors'
import { NotARealFolder } from '../files/not-a-real-folder'
import { JOB_STATES, type Job, type JobState } from '../../shared/jobs'
import type { BatchSummary } from './events'

/**
 * The state a job ends in when its request throws. Credits and a rejected key mean the photo was not
 * processed through no fault of its own ("blocked"); a cancellation caused by a rejected key or a
 * provider that stayed away is too.
 */
export function finalOutcome(error: unknown, stoppedForAllMessage: string | undefined): { state: JobState; reason: string } {
  if (error instanceof NotARealFolder) return { state: 'failed', reason: error.message }
  if (!isJobError(error)) return { state: 'failed', reason: `Unexpected problem: ${(error as Error).message}` }
  switch (error.kind) {
    case 'cancelled':
      return stoppedForAllMessage ? { state: 'blocked', reason: stoppedForAllMessage } : { state: 'cancelled', reason: 'Cancelled' }
    case 'credits':
    case 'auth':
      return { state: 'blocked', reason: error.message }
    default:
      return { state: 'failed', reason: error.message }
  }
}

export function summarize(jobs: readonly Job[], cost: Cost, stoppedBecause: BatchSummary['stoppedBecause'], message: string | undefined): BatchSummary {
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>
  for (const job of jobs) counts[job.state]++
  return {
    total: jobs.length,
    counts,
    cost,
    // A photo that got its result after a lost answer may have been paid for twice; one that did not, once for nothing.
    mayHaveBeenCharged: jobs.flatMap((job) => (job.maybeCharged ? [{ file: job.file, twice: job.state === 'done', reason: job.maybeCharged }] : [])),
    ...(stoppedBecause ? { stoppedBecause } : {}),
    ...(message ? { message } : {})
  }
}
