import { z } from 'zod'

/** Seed 004, `base_model`: "Unknown ids are rejected with 400". */
export const BASE_MODELS = ['flux-2', 'gpt-image-2', 'nb2', 'qwen-image-2', 'reve'] as const
const RESOLUTIONS = ['1K', '2K', '4K'] as const

/**
 * EditRequest as seed 004 documents it. `output_format`: "Default: png (will change to jpg on 2026-05-08)";
 * that date has passed, so jpg. `base_model` is a plain string here: an unknown one is a 400, not a 422.
 */
export const editRequest = z.object({
  prompt: z.string().default(''),
  images: z.array(z.string()).max(10).optional(),
  profile_ids: z.array(z.string()).optional(),
  num_output_images: z.number().int().min(1).max(4).default(1),
  aspect_ratio: z.enum(['auto', '1:1', '3:4', '4:3', '9:16', '16:9']).default('auto'),
  resolution: z.enum(RESOLUTIONS).default('1K'),
  quality: z.enum(['auto', 'low', 'medium', 'high']).nullable().optional(),
  base_model: z.string().default('nb2'),
  output_format: z.enum(['png', 'jpg']).default('jpg'),
  response_mode: z.enum(['bytes', 'urls']).default('bytes')
})

export type EditRequest = z.infer<typeof editRequest>

/** api-notes: "resolution 1K|2K|4K (support varies by model: qwen-image-2 and flux-2 up to 2K, reve 1K only)". */
const MAX_RESOLUTION: Record<string, (typeof RESOLUTIONS)[number]> = { 'qwen-image-2': '2K', 'flux-2': '2K', reve: '1K' }

/** What the schema lets through but Phota answers 400 INVALID_REQUEST, in the seed's words where it has them. */
export function invalidRequest(body: EditRequest): string | null {
  if (!(BASE_MODELS as readonly string[]).includes(body.base_model)) return `Unknown base_model '${body.base_model}'; use one of ${BASE_MODELS.join(', ')}`
  // quality: "Only supported by gpt-image-2; passing this field for other models returns 400. Omit (or pass 'auto')".
  if (body.quality && body.quality !== 'auto' && body.base_model !== 'gpt-image-2') return 'quality is only supported by gpt-image-2'
  const max = MAX_RESOLUTION[body.base_model]
  if (max && RESOLUTIONS.indexOf(body.resolution) > RESOLUTIONS.indexOf(max)) return `${body.base_model} supports resolution up to ${max}`
  if (!body.images?.length) return 'at least one input image is required'
  return null
}

/** "Images larger than 4K (4096px) are automatically resized"; formats "JPEG, PNG, WebP, and HEIC/HEIF". */
export const INPUT = { formats: ['jpeg', 'png', 'webp', 'heic'] as const, maxBytes: 50 * 1024 * 1024 }
