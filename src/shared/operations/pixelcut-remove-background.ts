import { z } from 'zod'
import { describe, flatten } from '../params/describe'
import type { JsonSchema } from '../params/openapi-params'
import { pixelcutRemoveBackgroundSchema, pixelcutShadowEnabled, PIXELCUT_LIMITS } from '../params/pixelcut'
import { defineOperation, formatProblems, nest, sizeProblems, validateEach } from './common'
import type { OperationSchema, ParamValues } from './types'

const LABEL = 'Pixelcut remove-background'
const jsonSchema = z.toJSONSchema(pixelcutRemoveBackgroundSchema, { io: 'input' }) as JsonSchema
const params = [
  describe('shadow', { type: 'boolean', description: 'true for an automatic AI shadow (+3 credits); or set shadow.enabled and the light source.' }, 'shadow'),
  ...flatten(jsonSchema, (name) => (name.startsWith('shadow') ? 'shadow' : 'output')).filter((p) => p.name !== 'image_url')
]

/** The JSON body Pixelcut expects from dotted values; `shadow=true` stays a boolean. */
export function pixelcutBody(values: ParamValues): Record<string, unknown> {
  const body = nest(values)
  if (values['shadow'] === true || values['shadow'] === false) body['shadow'] = values['shadow']
  return body
}

export const pixelcutRemoveBackground: OperationSchema = defineOperation({
  id: 'pixelcut.remove-background',
  provider: 'pixelcut',
  operation: 'remove-background',
  label: LABEL,
  params,
  validate: (values) => {
    const errors = validateEach(params, values, LABEL)
    if (values['shadow'] !== undefined && Object.keys(values).some((k) => k.startsWith('shadow.'))) {
      errors.push('shadow: set either shadow=true or the shadow.* details, not both')
    }
    if (!errors.length) {
      const parsed = pixelcutRemoveBackgroundSchema.safeParse(pixelcutBody(values))
      if (!parsed.success) errors.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
    }
    return { errors, warnings: [] }
  },
  cost: (values) => {
    const parsed = pixelcutRemoveBackgroundSchema.safeParse(pixelcutBody(values))
    return { amount: 1 + (parsed.success && pixelcutShadowEnabled(parsed.data.shadow) ? 3 : 0), unit: 'credits' }
  },
  inputProblems: (image) => {
    const problems = [...formatProblems(image, PIXELCUT_LIMITS.formats, LABEL), ...sizeProblems(image, PIXELCUT_LIMITS.maxBytes, LABEL)]
    const { width, height } = image
    // 0 means the size could not be read here (HEIC); the provider will judge it.
    if (!width || !height) return problems
    if (width > PIXELCUT_LIMITS.maxSide || height > PIXELCUT_LIMITS.maxSide) problems.push(`the image is ${width}x${height}; ${LABEL} takes at most 6000x6000 px`)
    if (width < PIXELCUT_LIMITS.minSide || height < PIXELCUT_LIMITS.minSide) problems.push(`the image is ${width}x${height}; ${LABEL} needs at least 64x64 px`)
    return problems
  },
  expectedOutputs: () => ({ extension: 'png', count: 1 }),
  timeoutMs: (values) => (values['shadow'] === true || values['shadow.enabled'] === true ? 90_000 : 60_000)
})
