import type { StateCreator } from 'zustand'
import type { Job, QueueState } from './types'

export interface JobsSlice {
  /** The latest job of each photo, by photo id (a job's ref). */
  jobsByPhoto: Record<string, Job>
  queue: QueueState
  applyJobs(jobs: Job[]): void
  setQueue(queue: QueueState): void
}

export const createJobsSlice: StateCreator<JobsSlice, [], [], JobsSlice> = (set) => ({
  jobsByPhoto: {},
  queue: { state: 'idle', total: 0, finished: 0, counts: {}, providers: {}, held: 0 },
  applyJobs: (jobs) => set((s) => ({ jobsByPhoto: { ...s.jobsByPhoto, ...Object.fromEntries(jobs.map((j) => [j.ref, j])) } })),
  setQueue: (queue) => set({ queue })
})

export const jobSelectors = {
  queue: (s: JobsSlice): QueueState => s.queue,
  forPhoto:
    (id: number) =>
    (s: JobsSlice): Job | undefined =>
      s.jobsByPhoto[String(id)]
}
