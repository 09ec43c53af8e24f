import { z } from 'zod'

/**
 * POST /v1/remove-background as seed 003 documents it (`crop` from api-notes). Ranges: "Possible values:
 * <= 1" (opacity, size), ">= -1 and <= 1" (x, y), "<= 2" (z); `position` is "required" in a light source.
 */
const lightSource = z
  .object({
    size: z.number().min(0).max(1).default(0.3),
    position: z.object({ x: z.number().min(-1).max(1).default(-0.3), y: z.number().min(-1).max(1).default(-0.6), z: z.number().min(0).max(2).default(0.7) }).strict()
  })
  .strict()

/** "Pass true for automatic shadow estimation or provide a light source for custom control." */
const shadow = z.union([z.boolean(), z.object({ enabled: z.boolean(), opacity: z.number().min(0).max(1).default(0.5), light_source: lightSource.optional() }).strict()])

export const removeBackgroundBody = z
  .object({
    image_url: z.url({ protocol: /^https?$/ }).optional(),
    /** "Possible values: [png] … Currently, only png is supported." */
    format: z.literal('png').default('png'),
    crop: z.boolean().optional(),
    shadow: shadow.optional()
  })
  .strict()

export type RemoveBackgroundBody = z.infer<typeof removeBackgroundBody>

/** "When AI shadows are requested, an additional 3 credits will be consumed." */
export function wantsShadow(body: RemoveBackgroundBody): boolean {
  return body.shadow === undefined ? false : typeof body.shadow === 'boolean' ? body.shadow : body.shadow.enabled
}

/** "Max size: 25MB - Min resolution: 64x64px - Max resolution: 6000x6000px" */
export const LIMITS = { maxBytes: 25 * 1024 * 1024, minSide: 64, maxSide: 6000, formats: ['jpeg', 'png', 'webp'] as const }
