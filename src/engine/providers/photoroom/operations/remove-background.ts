import { sideProblems, type InputLimits } from '../../../../shared/images/input-limits'
import { defineOperation, extensionOf, formatProblems, sizeProblems } from '../../../../shared/operations/common'
import { describe } from '../../../../shared/params/describe'
import { photoroomSegmentParams } from '../params/openapi'
import { photoroomRemoveBackgroundPresentation } from '../presentation/remove-background'
import { isSandboxKey } from '../sandbox-key'

const params = photoroomSegmentParams.filter((p) => !p.file).map((p) => describe(p.name, p.schema, p.description))
const label = (name: string): string => photoroomRemoveBackgroundPresentation[name]?.label ?? name
const LABEL = 'Photoroom background removal'
const LIMITS: InputLimits = { formats: ['jpeg', 'png', 'webp', 'heic'], maxBytes: 30 * 1024 * 1024, maxSide: 6000, srgbOnly: true }

export const photoroomRemoveBackground = defineOperation({
  id: 'photoroom.remove-background',
  provider: 'photoroom',
  operation: 'remove-background',
  label: LABEL,
  params,
  presentation: photoroomRemoveBackgroundPresentation,
  // bg_color: "Can be a hex code (`#FF00FF`) or a HTML color (`red`, `green`, etc.)".
  rules: [{ kind: 'color', param: 'bg_color', hash: 'required', severity: 'error', message: `${label('bg_color')} must be ${photoroomRemoveBackgroundPresentation['bg_color']?.allowed}` }],
  pricing: { unit: 'credits', base: 1, effects: [{ kind: 'sets', param: 'size', value: 'preview', amount: 0.25 }] },
  // The sdk host answers a sandbox key with 403 "sandbox_not_supported": say so instead of sending.
  keyProblem: (key) =>
    isSandboxKey(key)
      ? {
          param: 'key',
          message: 'Photoroom sandbox keys work only with the Image Editing API. Choose Photoroom edit (it removes the background by default), or use a live key for remove-background.'
        }
      : null,
  inputLimits: LIMITS,
  inputProblems: (image) => [...formatProblems(image, LIMITS.formats, LABEL), ...sizeProblems(image, LIMITS.maxBytes, LABEL), ...sideProblems(image, LIMITS, LABEL)],
  // format: default "png".
  expectedOutputs: (values) => ({ extension: extensionOf(values['format'], 'png'), count: 1 }),
  timeoutMs: () => 60_000
})
