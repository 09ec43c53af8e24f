import { z } from 'zod'
import type { Balance } from '../../account'
import { provider, type Domain } from './common'

export const keyStatusSchema = z.object({
  provider,
  state: z.enum(['not-set', 'set', 'invalid']),
  last4: z.string().max(4).optional(),
  sandbox: z.boolean(),
  message: z.string().optional(),
  /** A sandbox key kept beside the live one, for free proof runs. */
  sandboxLast4: z.string().max(4).optional()
})

export const balanceSchema = z.discriminatedUnion('source', [
  z.object({ provider, unit: z.enum(['credits', 'images']), source: z.literal('provider'), available: z.number(), plan: z.string().optional(), subscription: z.number().optional() }),
  z.object({ provider, unit: z.literal('credits'), source: z.literal('spent-locally'), spent: z.number() }),
  z.object({ provider, unit: z.literal('proofs'), source: z.literal('sandbox-month'), used: z.number(), limit: z.number() })
]) satisfies z.ZodType<Balance>

export const keys = {
  requests: {
    setKey: { input: z.object({ provider, key: z.string().trim().min(8).max(512) }), output: keyStatusSchema },
    testKey: { input: z.object({ provider }), output: keyStatusSchema },
    deleteKey: { input: z.object({ provider }), output: keyStatusSchema }
  },
  events: { keys: keyStatusSchema, balance: balanceSchema }
} satisfies Domain

export const keysStateSchema = z.object({ keys: z.array(keyStatusSchema), balances: z.array(balanceSchema) })

export type KeyStatus = z.output<typeof keyStatusSchema>
