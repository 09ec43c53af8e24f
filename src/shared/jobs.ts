/**
 * The one shape of a job, from the engine to the window: the CLI prints it, main stores and streams
 * it, the renderer shows it. Plain TypeScript so every process (and the preload) can import it.
 */
export const JOB_STATES = [
  'queued', // found, waiting to be checked
  'held', // waiting: running it would go over the budget cap; Resume after raising it releases it
  'ready', // checked, waiting for its turn
  'sending',
  'retrying', // a temporary failure; it will be sent again
  'waiting', // the provider is paused (credits ran out); resumes on demand
  'done', // sent, paid for, written
  'reused', // an earlier run already paid for this exact result
  'skipped', // never sent: the file is not something the provider would take
  'failed', // sent (or about to be) and refused for good
  'blocked', // not sent: the provider stopped (credits ran out in a headless run)
  'cancelled',
  'estimated' // dry run: would be sent
] as const

export type JobState = (typeof JOB_STATES)[number]

export const FINAL_STATES: ReadonlySet<JobState> = new Set<JobState>(['done', 'reused', 'skipped', 'failed', 'blocked', 'cancelled', 'estimated'])

export interface Job {
  /** The caller's own name for the photo: the app's photo id, the CLI's path. */
  ref: string
  file: string
  state: JobState
  /** The purchase this job is (bytes, operation, parameters), once the photo has been checked. */
  key?: string
  /** Why it was skipped, failed, retried or is waiting; written for a photographer. */
  reason?: string
  attempts: number
  outputs?: string[]
  warnings?: string[]
  /** Response facts kept with the result: seeds, scores, request ids. */
  metadata?: Record<string, string>
  /** Identical bytes and parameters as the job with this ref: sent once, written for both. */
  sameAs?: string
  /** What was done to the photo on its way: "sent at 6000 × 4000, from 7000 × 4667", a RAW's JPEG used instead. */
  notes?: string[]
  /** Bought before but its result is gone: the window offers to buy it again (never done unasked). */
  canBuyAgain?: boolean
  /** Sent, and no answer arrived before it was stopped: when, in words, and that the provider may have charged it. */
  maybeCharged?: string
  /** Failed after the provider charged for it (an answer with no usable image, one that could be saved nowhere): it counts against the budget cap. */
  charged?: boolean
}
