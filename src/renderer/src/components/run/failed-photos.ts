import type { Job } from '../../store/types'

/** The photos that failed in this session: "Retry failed" sends exactly these again. */
export function failedJobs(jobs: Record<string, Job>): Job[] {
  return Object.values(jobs).filter((j) => j.state === 'failed' || j.state === 'blocked')
}

export const failedIds = (jobs: Record<string, Job>): number[] => failedJobs(jobs).map((j) => Number(j.ref))
