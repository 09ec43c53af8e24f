import { z } from 'zod'
import { defineOperation, extensionOf, formatProblems } from '../../../../shared/operations/common'
import { flatten } from '../../../../shared/params/describe'
import type { JsonSchema } from '../../../../shared/params/json-schema'
import { photaEditRules } from '../params/rules'
import { photaEditSchema, PHOTA_LIMITS } from '../params/schema'
import { photaEditPresentation } from '../presentation/edit'

const LABEL = 'Phota edit'
const jsonSchema = z.toJSONSchema(photaEditSchema, { io: 'input' }) as JsonSchema
// The photo itself goes in `images`.
const params = flatten(jsonSchema).filter((p) => p.name !== 'images')

export const photaEdit = defineOperation({
  id: 'phota.edit',
  provider: 'phota',
  operation: 'edit',
  label: LABEL,
  params,
  presentation: photaEditPresentation,
  rules: photaEditRules,
  // response_mode: base64 bytes or signed links to the same images.
  purchase: { deliveryOnly: ['response_mode'] },
  // Phota publishes no price list; one unit per output image is our own accounting.
  pricing: { unit: 'credits', base: 1, effects: [{ kind: 'per-unit', param: 'num_output_images' }] },
  // Phota resizes anything over 4096 px itself: nothing to fit here.
  inputLimits: PHOTA_LIMITS,
  inputProblems: (image) => formatProblems(image, PHOTA_LIMITS.formats, LABEL),
  // Phota answers synchronously for up to 600 s.
  expectedOutputs: (values) => ({ extension: extensionOf(values['output_format'], 'jpg'), count: typeof values['num_output_images'] === 'number' ? values['num_output_images'] : 1 }),
  timeoutMs: () => 660_000
})
