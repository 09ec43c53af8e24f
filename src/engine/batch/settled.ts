import type { EventEmitter } from 'node:events'
import { FINAL_STATES, type Job } from '../../shared/jobs'
import type { BatchEvent } from './events'

/** Resolves once `job` has reached a final state, as its batch's events tell. */
export function settled(batch: EventEmitter<{ event: [BatchEvent] }>, job: Job): Promise<void> {
  if (FINAL_STATES.has(job.state)) return Promise.resolve()
  return new Promise((resolve) => {
    const listener = (event: BatchEvent): void => {
      if (event.type !== 'job' || event.job.ref !== job.ref || !FINAL_STATES.has(event.job.state)) return
      batch.off('event', listener)
      resolve()
    }
    batch.on('event', listener)
  })
}
