import type { ParamRule } from '../../../../shared/operations/rules'
import { photaEditPresentation as shown } from '../presentation/edit'
import { PHOTA_RESOLUTIONS } from './schema'

const label = (name: string): string => shown[name]?.label ?? name

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
    message: `${label('resolution')} must be ${max} or less with the ${shown['base_model']?.values?.[model] ?? model} model`
  }
}

/** Combinations the schema accepts but Phota rejects with 400 INVALID_REQUEST, as data. */
export const photaEditRules: readonly ParamRule[] = [
  // quality: "Only supported by gpt-image-2; passing this field for other models returns 400. Omit (or pass 'auto')".
  { kind: 'needs-value', param: 'quality', when: ['low', 'medium', 'high'], other: 'base_model', values: ['gpt-image-2'], severity: 'error', message: `${label('quality')} works only with the GPT Image 2 model: choose it, or leave ${label('quality')} empty` },
  ...Object.entries(MAX_RESOLUTION).map(([model, max]) => resolutionLimit(model, max)),
  // The API's default prompt is '' (seed 004); an edit with nothing to do is ours to refuse, before a run only.
  { kind: 'required', param: 'prompt', severity: 'error', message: `${label('prompt')} is needed before a run: describe the edit you want` }
]
