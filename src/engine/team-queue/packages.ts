import type * as BullMQ from 'bullmq'
import type { Redis } from 'ioredis'

/** The team queue's packages: ioredis's client and BullMQ's queues, events and workers. */
export interface TeamPackages {
  Redis: typeof Redis
  bullmq: Pick<typeof BullMQ, 'Queue' | 'QueueEvents' | 'Worker'>
}

let loading: Promise<TeamPackages> | undefined

/**
 * Loaded the first time a team queue is opened: together they take about a third of a second, which
 * every plain run on the command line would otherwise spend before its first request.
 */
export function loadTeamPackages(): Promise<TeamPackages> {
  loading ??= Promise.all([import('ioredis'), import('bullmq')]).then(([ioredis, bullmq]) => ({ Redis: ioredis.Redis, bullmq }))
  return loading
}
