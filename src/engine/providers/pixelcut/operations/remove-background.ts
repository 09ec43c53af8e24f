import { z } from 'zod'
import { sideProblems } from '../../../../shared/images/input-limits'
import { defineOperation, formatProblems, nest, sizeProblems } from '../../../../shared/operations/common'
import type { ParamRule } from '../../../../shared/operations/rules'
import type { ParamValues } from '../../../../shared/operations/types'
import { describe, flatten } from '../../../../shared/params/describe'
import type { JsonSchema } from '../../../../shared/params/json-schema'
import { pixelcutRemoveBackgroundSchema, PIXELCUT_LIMITS } from '../params/schema'
import { pixelcutRemoveBackgroundPresentation } from '../presentation/remove-background'

const LABEL = 'Pixelcut background removal'
const jsonSchema = z.toJSONSchema(pixelcutRemoveBackgroundSchema, { io: 'input' }) as JsonSchema
const params = [
  describe('shadow', { type: 'boolean', description: 'true for an automatic AI shadow (+3 credits); or set shadow.enabled and the light source.' }),
  // The photo itself goes as the `image` file part; `image_url` is for photos given by link.
  ...flatten(jsonSchema).filter((p) => p.name !== 'image_url')
]
const label = (name: string): string => pixelcutRemoveBackgroundPresentation[name]?.label ?? name

/** `shadow=true` is the automatic shadow; the details describe another one, so the two cannot be mixed. */
const rules: ParamRule[] = params
  .filter((p) => p.name.startsWith('shadow.'))
  .map((p) => ({ kind: 'excludes', param: 'shadow', other: p.name, severity: 'error', message: `${label('shadow')} and ${label(p.name)} can't be used together: turn on either the automatic shadow or a custom one` }))

/** The JSON body Pixelcut expects from dotted values; `shadow=true` stays a boolean. */
export function pixelcutBody(values: ParamValues): Record<string, unknown> {
  const body = nest(values)
  if (values['shadow'] === true || values['shadow'] === false) body['shadow'] = values['shadow']
  return body
}

export const pixelcutRemoveBackground = defineOperation({
  id: 'pixelcut.remove-background',
  provider: 'pixelcut',
  operation: 'remove-background',
  label: LABEL,
  params,
  presentation: pixelcutRemoveBackgroundPresentation,
  rules,
  // The nested light source is checked whole: a detail without `shadow.enabled` is incomplete.
  check: (values) => {
    const parsed = pixelcutRemoveBackgroundSchema.safeParse(pixelcutBody(values))
    return parsed.success ? [] : parsed.error.issues.map((i) => ({ param: i.path.join('.'), message: `${label(i.path.join('.'))}: ${i.message}` }))
  },
  pricing: {
    unit: 'credits',
    base: 1,
    effects: [
      { kind: 'adds', param: 'shadow', value: true, amount: 3 },
      { kind: 'adds', param: 'shadow.enabled', value: true, amount: 3 }
    ]
  },
  inputLimits: PIXELCUT_LIMITS,
  inputProblems: (image) => [...formatProblems(image, PIXELCUT_LIMITS.formats, LABEL), ...sizeProblems(image, PIXELCUT_LIMITS.maxBytes, LABEL), ...sideProblems(image, PIXELCUT_LIMITS, LABEL)],
  expectedOutputs: () => ({ extension: 'png', count: 1 }),
  timeoutMs: (values) => (values['shadow'] === true || values['shadow.enabled'] === true ? 90_000 : 60_000)
})
