import { z } from 'zod'

/** Pixelcut's light source: x/y relative to the image centre, z the height above the subject. */
const lightSource = z
  .object({
    size: z.number().min(0).max(1).default(0.3).describe('Apparent emitter size; higher is a softer penumbra.'),
    position: z.object({
      x: z.number().min(-1).max(1).default(-0.3).describe('Horizontal light position, -1 (left) to 1 (right).'),
      y: z.number().min(-1).max(1).default(-0.6).describe('Vertical light position, -1 (top) to 1 (bottom).'),
      z: z.number().min(0).max(2).default(0.7).describe('Light height above the subject, 0 to 2.')
    })
  })
  .strict()

export const pixelcutShadowSchema = z.union([
  z.boolean(),
  z
    .object({
      enabled: z.boolean().describe('Render an AI shadow (+3 credits).'),
      opacity: z.number().min(0).max(1).default(0.5).describe('Final shadow opacity, 0 to 1.'),
      light_source: lightSource.optional()
    })
    .strict()
])

/** POST /v1/remove-background, minus the image itself (`image` file part or `image_url`). */
export const pixelcutRemoveBackgroundSchema = z
  .object({
    image_url: z.string().url().optional().describe('URL of the image to process.'),
    format: z.literal('png').default('png').describe('Output format; only PNG is supported.'),
    crop: z.boolean().optional().describe('Crop the result to the subject.'),
    shadow: pixelcutShadowSchema.optional().describe('AI shadow: true for automatic, or a light source.')
  })
  .strict()

export type PixelcutRemoveBackgroundParams = z.infer<typeof pixelcutRemoveBackgroundSchema>

export function pixelcutShadowEnabled(shadow: z.infer<typeof pixelcutShadowSchema> | undefined): boolean {
  if (shadow === undefined) return false
  return typeof shadow === 'boolean' ? shadow : shadow.enabled
}

export const PIXELCUT_LIMITS = {
  maxBytes: 25 * 1024 * 1024,
  minSide: 64,
  maxSide: 6000,
  formats: ['jpeg', 'png', 'webp'] as const
}
