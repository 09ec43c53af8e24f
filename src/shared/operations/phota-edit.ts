import { z } from 'zod'
import { flatten } from '../params/describe'
import type { JsonSchema } from '../params/openapi-params'
import { photaEditSchema, photaRequestProblems, PHOTA_LIMITS } from '../params/phota'
import { defineOperation, extensionOf, formatProblems, validateEach } from './common'
import type { OperationSchema } from './types'

const LABEL = 'Phota edit'
const jsonSchema = z.toJSONSchema(photaEditSchema, { io: 'input' }) as JsonSchema
const params = flatten(jsonSchema, (name) => (name === 'prompt' || name === 'profile_ids' ? 'prompt' : 'output')).filter((p) => p.name !== 'images')

export const photaEdit: OperationSchema = defineOperation({
  id: 'phota.edit',
  provider: 'phota',
  operation: 'edit',
  label: LABEL,
  params,
  validate: (values) => {
    const errors = validateEach(params, values, LABEL)
    if (!errors.length) {
      // The input image is added per job; a placeholder stands in for it here.
      const parsed = photaEditSchema.parse({ ...values, images: ['image'] })
      errors.push(...photaRequestProblems(parsed))
    }
    return { errors, warnings: [] }
  },
  // Phota publishes no price list; one unit per output image is our own accounting.
  cost: (values) => ({ amount: typeof values['num_output_images'] === 'number' ? values['num_output_images'] : 1, unit: 'credits' }),
  inputProblems: (image) => formatProblems(image, PHOTA_LIMITS.formats, LABEL),
  // Phota answers synchronously for up to 600 s.
  expectedOutputs: (values) => ({ extension: extensionOf(values['output_format']), count: typeof values['num_output_images'] === 'number' ? values['num_output_images'] : 1 }),
  timeoutMs: () => 660_000
})
