import type { StateCreator } from 'zustand'
import type { JobUpdate, QueueState } from '@shared/ipc/contract'
import type { Store } from './index'

export interface JobsSlice {
  jobsByImage: Record<string, JobUpdate>
  /** Bumped when an image's results are (re)written, so its result thumbnails reload. */
  resultVersion: Record<string, number>
  queue: QueueState
  applyJobs(updates: JobUpdate[]): void
  resultReady(imageId: string): void
  setQueue(queue: QueueState): void
}

export const createJobsSlice: StateCreator<Store, [], [], JobsSlice> = (set) => ({
  jobsByImage: {},
  resultVersion: {},
  queue: { state: 'idle', total: 0, finished: 0, counts: {} },
  applyJobs: (updates) => set((s) => ({ jobsByImage: { ...s.jobsByImage, ...Object.fromEntries(updates.map((u) => [u.imageId, u])) } })),
  resultReady: (imageId) => set((s) => ({ resultVersion: { ...s.resultVersion, [imageId]: (s.resultVersion[imageId] ?? 0) + 1 } })),
  setQueue: (queue) => set({ queue })
})
