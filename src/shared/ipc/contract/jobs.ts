import { z } from 'zod'
import { JOB_STATES, type Job } from '../../jobs'
import { idList, none, provider, rowId, type Domain } from './common'

export const jobStateSchema = z.enum(JOB_STATES)

export const jobSchema = z.object({
  ref: z.string(),
  file: z.string(),
  state: jobStateSchema,
  key: z.string().optional(),
  reason: z.string().optional(),
  attempts: z.number(),
  outputs: z.array(z.string()).optional(),
  warnings: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  sameAs: z.string().optional(),
  notes: z.array(z.string()).optional(),
  canBuyAgain: z.boolean().optional(),
  maybeCharged: z.string().optional(),
  charged: z.boolean().optional()
}) satisfies z.ZodType<Job>

/** Why a provider is paused or stopped: the window names a pause by its cause. */
export const PAUSE_CAUSES = ['user', 'credits', 'unreachable', 'asked-to-wait', 'not-saved', 'auth'] as const

export const queueStateSchema = z.object({
  /** `finishing`: stopped (Cancel, Quit), waiting for the paid requests already sent; Cancel again stops now. */
  state: z.enum(['idle', 'running', 'paused', 'finishing']),
  /** Why it is paused or finishing, or how the last run ended, in the user's words. */
  reason: z.string().optional(),
  total: z.number(),
  finished: z.number(),
  counts: z.record(z.string(), z.number()),
  /** When this run started (ms since 1970): the window works out the pace and ETA from it. */
  startedAt: z.number().optional(),
  /** Each provider's state in this run: running, paused (by the user, credits, unreachable, asked to wait, a result that could not be saved) or stopped (key refused). */
  providers: z
    .record(z.string(), z.object({ status: z.enum(['running', 'paused', 'stopped']), cause: z.enum(PAUSE_CAUSES).optional(), message: z.string().optional() }))
    .default({}),
  /** Photos held back because running them would go over the budget cap. */
  held: z.number().default(0),
  /** With a budget cap: what was spent against it since the user set or reset it (ms since 1970), in credits (a Photoroom image is 5). */
  budget: z.object({ cap: z.number(), spent: z.number(), since: z.number() }).optional()
})

/** What running some photos would cost, per provider, against the balance main last read. */
export const estimateSchema = z.object({
  /** Photos that may be paid for: the skipped and the reused are counted apart. */
  photos: z.number(),
  /** Photos left out because they are already known to be skipped (nothing sent, nothing paid). */
  skipped: z.number().default(0),
  /** Photos whose result was bought before with these very parameters: reused, free. Absent when none. */
  reused: z.number().optional(),
  /** Photos already waiting or being worked on in the queue: a new run leaves them be. Absent when none. */
  queued: z.number().optional(),
  /**
   * With a budget cap: the cap and what already counts against it (credits), what this run would add,
   * and how many of its photos would wait because they would take the spending over it.
   */
  cap: z.object({ limit: z.number(), spent: z.number(), adds: z.number(), held: z.number() }).optional(),
  providers: z.array(
    z.object({ provider, unit: z.enum(['credits', 'images']), amount: z.number(), photos: z.number(), available: z.number().optional() })
  )
})

/** A proof run uses the sandbox key; a run for real re-sends each photo's last proof with the live key. */
const runMode = z.enum(['normal', 'proof', 'for-real']).optional()

export const jobs = {
  requests: {
    /**
     * `proof`: a free, watermarked run with the provider's sandbox key. `for-real`: each photo's last proof
     * sent again with exactly the same parameters and the live key (by default, the picked photos).
     */
    startBatch: {
      input: z.object({
        photoIds: idList.optional(),
        mode: runMode,
        /** Pay once more for photos bought before whose kept result was pruned and whose output file is gone or changed. */
        buyAgain: z.boolean().optional(),
        /** confirmRun's token: a paid run (not a proof) starts only with it. */
        confirmation: z.string().min(1).max(64).optional()
      }),
      output: z.object({ jobs: z.number(), held: z.number() })
    },
    /** The cost before spending: for these photos, or the whole catalog. */
    estimateCost: { input: z.object({ photoIds: idList.optional(), mode: runMode, buyAgain: z.boolean().optional() }), output: estimateSchema },
    pauseBatch: { input: none, output: none },
    resumeBatch: { input: none, output: none },
    /** Pressed again while finishing, it stops now: the photos on the wire may have been charged. */
    cancelBatch: { input: none, output: none },
    /** The user has read a photo's "may have been charged" notice. */
    dismissNotice: { input: z.object({ photoId: rowId }), output: none }
  },
  events: {
    /** Coalesced: at most about ten a second, the newest state per photo (a job's ref is its photo id). */
    jobs: z.array(jobSchema),
    /** A photo has a new result (a new variant). */
    result: z.object({ photoId: rowId, resultId: rowId, outputs: z.number() }),
    queue: queueStateSchema
  }
} satisfies Domain

export const jobsStateSchema = z.object({ jobs: z.array(jobSchema), queue: queueStateSchema })

export type QueueState = z.output<typeof queueStateSchema>
export type Estimate = z.output<typeof estimateSchema>
