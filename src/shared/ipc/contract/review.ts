import { z } from 'zod'
import { MARKETPLACE_IDS } from '../../marketplaces'
import { REVIEW_FLAGS, REVIEW_LABELS } from '../../review-marks'
import { idList, none, paramValues, rowId, type Domain } from './common'

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
    /** Culling marks, for one photo or a whole selection at once. */
    setReview: {
      input: z.object({
        photoIds: idList.min(1),
        flag: z.enum(REVIEW_FLAGS).nullable().optional(),
        rating: z.number().int().min(0).max(5).optional(),
        label: z.enum(REVIEW_LABELS).nullable().optional()
      }),
      output: none
    },
    /** Each photo's shown result against a marketplace's image rules; the outcome is kept for the badge and filter. */
    checkStore: {
      input: z.object({ marketplace: z.enum(MARKETPLACE_IDS), photoIds: idList.min(1).optional() }),
      output: z.object({ checked: z.number(), failed: z.number() })
    },
    /** The variant, and which of its outputs, that review keeps and export writes. */
    chooseVariant: { input: z.object({ photoId: rowId, resultId: rowId, output: z.number().int().min(0) }), output: none },
    /**
     * Whether a result's difference overlay can be made: null once it is ready to load (the `difference`
     * image), else why the product cannot be compared.
     */
    differenceOf: { input: z.object({ resultId: rowId, index: z.number().int().min(0) }), output: z.object({ reason: z.string().nullable() }) },
    /**
     * The photos an export of `selection` would write with a variant nobody chose: several variants and
     * none chosen in review, so the newest ships. At most `limit` named, all counted.
     */
    unchosenVariants: {
      input: z.object({ selection: z.enum(['approved', 'done']), limit: z.number().int().min(1).max(100).default(10) }),
      output: z.object({ count: z.number(), photos: z.array(z.object({ photoId: rowId, name: z.string(), variants: z.number(), shipped: z.string() })) })
    },
    /** The variant's edit-further link in the browser, to keep editing the result in Photoroom. */
    openInPhotoroom: { input: z.object({ resultId: rowId }), output: none },
    /** The photo's own file with `original`; else the given result's output, or the newest result's. */
    showInFolder: { input: z.object({ photoId: rowId, resultId: rowId.optional(), index: z.number().int().min(0).default(0), original: z.boolean().optional() }), output: none }
  },
  events: {}
} satisfies Domain

export type Variant = z.output<typeof variantSchema>
