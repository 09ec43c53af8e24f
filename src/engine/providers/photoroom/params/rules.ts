import type { ParamRule } from '../../../../shared/operations/rules'

/**
 * Rules between `/v2/edit` parameters that the OpenAPI document states only in prose, as data.
 * One list serves the simulator (which rejects with 400), the client (which refuses before sending)
 * and the window's form. Model headers are named like parameters.
 */

export const BACKGROUND_MODEL_HEADER = 'pr-ai-background-model-version'
export const SHADOWS_MODEL_HEADER = 'pr-ai-shadows-model-version'
export const BACKGROUND_MODEL_VERSIONS = ['3', 'background-studio-beta-2025-03-17', '2'] as const
export const SHADOWS_MODEL_VERSIONS = ['2026-04-15'] as const
export const MODEL_HEADERS = [BACKGROUND_MODEL_HEADER, SHADOWS_MODEL_HEADER]

const SHADOWS_MODEL = SHADOWS_MODEL_VERSIONS[0]

const excludes = (param: string, other: string): ParamRule => ({ kind: 'excludes', param, other, severity: 'error', message: `${param} and ${other} can't be provided together` })

const notWithoutBackgroundRemoval = (param: string): ParamRule => ({
  kind: 'not-with-value',
  param,
  other: 'removeBackground',
  values: [false],
  severity: 'error',
  message: `${param} can't be provided if removeBackground is set to false`
})

const onlyWhenValue = (param: string, other: string, values: string[]): ParamRule => ({
  kind: 'needs-value',
  param,
  other,
  values,
  severity: 'error',
  message: `${param} can only be provided if ${other} is ${values.join(' or ')}`
})

const headerValue = (header: string, values: readonly string[]): ParamRule => ({ kind: 'one-of', param: header, values, severity: 'error', message: `${header} must be one of ${values.join(', ')}` })

/** "0.3", "30%" or "100px": a ratio up to 0.49, a percentage up to 49%, or pixels. */
const spacing = (param: string): ParamRule => ({
  kind: 'format',
  param,
  anyOf: [
    { type: 'number', minimum: 0, maximum: 0.49 },
    { type: 'string', pattern: '^(?:(?:[1-3]?\\d|4[0-8])(?:\\.\\d+)?|49(?:\\.0+)?)%$' },
    { type: 'string', pattern: '^\\d+(?:\\.\\d+)?px$' }
  ],
  severity: 'error',
  message: `${param} must be a number between 0 and 0.49, a percentage between 0% and 49%, or a pixel value like 100px`
})

const SPACING = ['margin', 'padding'].flatMap((base) => ['', 'Top', 'Bottom', 'Left', 'Right'].map((side) => `${base}${side}`))
const SHADOW_OVERRIDES = ['shadow.directionOverride', 'shadow.intensityOverride', 'shadow.softnessOverride', 'shadow.spreadOverride', 'shadow.subjectPoseOverride']
const NEW_SHADOW_MODES = ['ai.preset-soft', 'ai.preset-hard', 'ai.auto-with-overrides']
const LEGACY_SHADOW_MODES = ['ai.soft', 'ai.hard', 'ai.floating']

/** What a pure background removal with PNG output may carry, the only case `colorSpace=original` allows. */
const COLOR_SPACE_COMPATIBLE = ['imageFile', 'removeBackground', 'export.format', 'preserveMetadata', ...MODEL_HEADERS]
const COLOR_SPACE_MESSAGE = 'colorSpace=original is only valid for a pure background removal with PNG output'

export const photoroomEditRules: readonly ParamRule[] = [
  excludes('background.prompt', 'background.imageUrl'),
  excludes('background.prompt', 'background.imageFile'),
  excludes('background.imageUrl', 'background.imageFile'),
  ...['background.imageUrl', 'background.imageFile', 'background.guidance.imageUrl', 'background.guidance.imageFile', 'ignorePaddingAndSnapOnCroppedSides', 'referenceBox'].map(notWithoutBackgroundRemoval),
  {
    kind: 'needs-one-of',
    param: 'background.scaling',
    others: ['background.imageUrl', 'background.imageFile'],
    severity: 'error',
    message: 'background.scaling can only be provided if background.imageUrl or background.imageFile is provided'
  },
  onlyWhenValue('maxWidth', 'outputSize', ['originalImage', 'croppedSubject']),
  onlyWhenValue('maxHeight', 'outputSize', ['originalImage', 'croppedSubject']),
  ...SHADOW_OVERRIDES.map((name) => onlyWhenValue(name, 'shadow.mode', ['ai.auto-with-overrides'])),
  ...SPACING.map(spacing),
  headerValue(BACKGROUND_MODEL_HEADER, BACKGROUND_MODEL_VERSIONS),
  headerValue(SHADOWS_MODEL_HEADER, SHADOWS_MODEL_VERSIONS),
  {
    kind: 'needs-header',
    param: 'shadow.mode',
    when: NEW_SHADOW_MODES,
    header: SHADOWS_MODEL_HEADER,
    value: SHADOWS_MODEL,
    severity: 'error',
    message: `shadow.mode ${NEW_SHADOW_MODES.join(', ')} requires the header ${SHADOWS_MODEL_HEADER}: ${SHADOWS_MODEL}`
  },
  {
    kind: 'not-with-header',
    param: 'shadow.mode',
    when: LEGACY_SHADOW_MODES,
    header: SHADOWS_MODEL_HEADER,
    value: SHADOWS_MODEL,
    severity: 'error',
    message: `shadow.mode ${LEGACY_SHADOW_MODES.join(', ')} is not compatible with the ${SHADOWS_MODEL} AI Shadows model`
  },
  { kind: 'only-alongside', param: 'colorSpace', when: ['original'], allowed: COLOR_SPACE_COMPATIBLE, severity: 'error', message: COLOR_SPACE_MESSAGE },
  { kind: 'needs-value', param: 'colorSpace', when: ['original'], other: 'export.format', values: ['png', null], severity: 'error', message: COLOR_SPACE_MESSAGE },
  {
    kind: 'not-with-value',
    param: 'colorSpace',
    when: ['original'],
    other: 'preserveMetadata',
    values: ['exifSubset', 'exifSubsetWithXmpCompatibility'],
    severity: 'error',
    message: COLOR_SPACE_MESSAGE
  },
  {
    kind: 'needs-header',
    param: 'background.negativePrompt',
    header: BACKGROUND_MODEL_HEADER,
    value: '2',
    severity: 'warning',
    message: `background.negativePrompt only has an effect with ${BACKGROUND_MODEL_HEADER}: 2`
  },
  { ...onlyWhenValue('beautify.onSubjectMismatch', 'beautify.mode', ['ai.food']), severity: 'warning', message: 'beautify.onSubjectMismatch only has an effect with beautify.mode=ai.food' }
]
