import { z } from 'zod'
import { none, type Domain } from './common'
import { estimateSchema, jobs } from './jobs'
import { budgetCapSchema } from './settings'

/** A token only main's confirmation answers carry: used once, within minutes, for exactly what was confirmed. */
export const confirmationToken = z.string().min(1).max(64)

export const confirm = {
  requests: {
    /**
     * What a paid run of these photos would cost, and the token `startBatch` needs to start it: for the
     * same photos and mode, at no higher cost, once.
     */
    confirmRun: { input: jobs.requests.estimateCost.input, output: estimateSchema.extend({ confirmation: confirmationToken }) },
    /**
     * Raising or lifting the budget cap is asked first: the question in the user's words (null when the
     * change needs no asking, as lowering it) and the token `updateSettings` needs with it. With
     * `reset`, the question and token are for `resetBudget` (counting the spending from nothing again).
     */
    confirmBudgetCap: {
      input: z.object({ budgetCap: budgetCapSchema, reset: z.literal(true).optional() }),
      output: z.object({ question: z.string().nullable(), confirmation: confirmationToken })
    },
    /** Counts the spending against the budget cap from nothing again, with confirmBudgetCap's token (`reset`). */
    resetBudget: { input: z.object({ confirmation: confirmationToken }), output: none }
  },
  events: {}
} satisfies Domain
