import type { Job } from '../../store/types'

/** The photos that failed in this session. */
export function failedJobs(jobs: Record<string, Job>): Job[] {
  return Object.values(jobs).filter((j) => j.state === 'failed' || j.state === 'blocked')
}

/** What "Retry failed" sends again: the failed photos, less those only Buy again can help (a retry would fail again). */
export const retryableIds = (jobs: Record<string, Job>): number[] => failedJobs(jobs).flatMap((j) => (j.canBuyAgain ? [] : [Number(j.ref)]))
