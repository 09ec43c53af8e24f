import { z } from 'zod'

export const PHOTA_BASE_MODELS = ['flux-2', 'gpt-image-2', 'nb2', 'qwen-image-2', 'reve'] as const
export const PHOTA_RESOLUTIONS = ['1K', '2K', '4K'] as const

/** POST /v1/phota/edit body (EditRequest in Phota's OpenAPI). */
export const photaEditSchema = z.object({
  prompt: z.string().default('').describe('Text prompt describing the desired edit.'),
  images: z.array(z.string()).max(10).optional().describe('Input images as raw base64 or public URLs (max 10).'),
  profile_ids: z.array(z.string()).optional().describe('Profiles to consider for identity preservation.'),
  num_output_images: z.number().int().min(1).max(4).default(1).describe('Number of output images (1-4).'),
  aspect_ratio: z.enum(['auto', '1:1', '3:4', '4:3', '9:16', '16:9']).default('auto').describe('Output aspect ratio.'),
  resolution: z.enum(PHOTA_RESOLUTIONS).default('1K').describe('Output resolution; support varies by model.'),
  quality: z
    .enum(['auto', 'low', 'medium', 'high'])
    .nullable()
    .optional()
    .describe('Quality tier; gpt-image-2 only.'),
  base_model: z.enum(PHOTA_BASE_MODELS).default('nb2').describe('Base model identifier.'),
  // "Default: png (will change to jpg on 2026-05-08)": that date has passed.
  output_format: z.enum(['png', 'jpg']).default('jpg').describe('Output image format.'),
  response_mode: z.enum(['bytes', 'urls']).default('bytes').describe('Base64 bytes or signed download URLs.')
})

export type PhotaEditParams = z.infer<typeof photaEditSchema>

export const PHOTA_LIMITS = {
  maxImages: 10,
  formats: ['jpeg', 'png', 'webp', 'heic'] as const
}
