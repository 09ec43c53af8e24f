import { z } from 'zod'
import { none, paramValues, rowId, type Domain } from './common'

/** One result of a photo: every run adds one, so earlier variants stay. */
export const variantSchema = z.object({
  id: rowId,
  provider: z.string(),
  operation: z.string(),
  params: paramValues,
  cost: z.object({ amount: z.number(), unit: z.enum(['credits', 'images']) }),
  sandbox: z.boolean(),
  /** Milliseconds since 1970, as Date.now() gives. */
  createdAt: z.number(),
  outputs: z.array(z.object({ format: z.string(), width: z.number().nullable(), height: z.number().nullable() })),
  facts: z.object({
    uncertaintyScore: z.number().optional(),
    aiBackgroundSeed: z.string().optional(),
    textsDetected: z.string().optional(),
    unsupportedAttributes: z.array(z.string()).optional(),
    editFurtherUrl: z.string().optional(),
    requestId: z.string().optional()
  })
})

export const review = {
  requests: {
    photoResults: { input: z.object({ photoId: rowId }), output: z.array(variantSchema) },
    showInFolder: { input: z.object({ photoId: rowId, resultId: rowId.optional(), index: z.number().int().min(0).default(0) }), output: none }
  },
  events: {}
} satisfies Domain

export type Variant = z.output<typeof variantSchema>
