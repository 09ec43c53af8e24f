import type { ParamRule } from '../../../../shared/operations/rules'
import { PHOTA_RESOLUTIONS } from './schema'

/** Highest output resolution each base model supports; models not listed support all. */
const MAX_RESOLUTION: Record<string, (typeof PHOTA_RESOLUTIONS)[number]> = { 'qwen-image-2': '2K', 'flux-2': '2K', reve: '1K' }

function resolutionLimit(model: string, max: (typeof PHOTA_RESOLUTIONS)[number]): ParamRule {
  return {
    kind: 'not-with-value',
    param: 'resolution',
    when: PHOTA_RESOLUTIONS.slice(PHOTA_RESOLUTIONS.indexOf(max) + 1),
    other: 'base_model',
    values: [model],
    severity: 'error',
    message: `${model} supports resolution up to ${max}`
  }
}

/** Combinations the schema accepts but Phota rejects with 400 INVALID_REQUEST, as data. */
export const photaEditRules: readonly ParamRule[] = [
  { kind: 'needs-value', param: 'quality', other: 'base_model', values: ['gpt-image-2'], severity: 'error', message: 'quality is only supported by gpt-image-2' },
  ...Object.entries(MAX_RESOLUTION).map(([model, max]) => resolutionLimit(model, max)),
  { kind: 'required', param: 'prompt', severity: 'error', message: 'prompt must not be empty' }
]
