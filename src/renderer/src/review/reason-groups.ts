import { reasonHeading } from '@shared/reason-heading'
import type { Job } from '../store/types'

export const nameOf = (job: Job): string => job.file.split(/[\\/]/).pop() ?? job.file

/** Photos grouped by the kind of their reason, most photos first, so one cause is dealt with once. */
export function groupByReason(jobs: Job[]): [string, Job[]][] {
  const groups = new Map<string, Job[]>()
  for (const job of jobs) {
    const heading = reasonHeading(job.reason)
    groups.set(heading, [...(groups.get(heading) ?? []), job])
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length)
}

export const photos = (n: number): string => `${n} photo${n === 1 ? '' : 's'}`
