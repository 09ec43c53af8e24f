import type { Job as BullJob, JobType, Queue } from 'bullmq'
import type { Job } from '../../shared/jobs'
import type { ProviderId } from '../providers/registry'
import { firstJob, type NewWorkItem, type WorkItem } from '../work/work-item'

/** What a BullMQ job carries of its work item. */
export type ItemData = Pick<NewWorkItem, 'run' | 'spec' | 'maxCost' | 'priority'>

export const toData = (item: NewWorkItem): ItemData => ({ run: item.run, spec: item.spec, maxCost: item.maxCost, priority: item.priority })

/** BullMQ takes the lowest first, from 1; ours goes the other way (a single re-run at 10 before a batch at 0). */
export const bullPriority = (priority: number): number => Math.min(2_000_000, Math.max(1, 1_000 - Math.round(priority)))

/** An item's id names its provider's queue and its BullMQ job. */
export function splitId(id: string): { provider: ProviderId; jobId: string } {
  const at = id.indexOf(':')
  return { provider: id.slice(0, at) as ProviderId, jobId: id.slice(at + 1) }
}

/** The work item a BullMQ job holds; its job is the progress last written (queued until a worker writes one). */
export function itemOf(provider: ProviderId, bull: BullJob): WorkItem {
  const data = bull.data as ItemData
  const progress = bull.progress as unknown
  const job = typeof progress === 'object' && progress !== null && 'state' in progress ? (progress as Job) : firstJob(data)
  return { ...data, id: `${provider}:${bull.id}`, job }
}

const ALL: JobType[] = ['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed']
const PAGE = 1_000

/** Every job of these kinds, a page at a time. */
export async function jobsOf(queue: Queue, types: JobType[] = ALL): Promise<BullJob[]> {
  const jobs: BullJob[] = []
  for (const type of types) {
    for (let start = 0; ; start += PAGE) {
      const page = (await queue.getJobs(type, start, start + PAGE - 1, true)).filter((job): job is BullJob => Boolean(job))
      jobs.push(...page)
      if (page.length < PAGE) break
    }
  }
  return jobs
}
