import type { ParamRule } from '../../../../shared/operations/rules'
import { photoroomEditPresentation as shown } from '../presentation/edit'

/**
 * Rules between `/v2/edit` parameters that the documents state in prose, as data, each message naming
 * the fields in the window's words and saying what is allowed. The client refuses before sending and
 * the window's form shows the same words live. Model headers are named like parameters.
 */

export const BACKGROUND_MODEL_HEADER = 'pr-ai-background-model-version'
export const SHADOWS_MODEL_HEADER = 'pr-ai-shadows-model-version'
/** Seed 002 "Model selection": `3` (default), `background-studio-beta-2025-03-17` (recommended), `2` (deprecated). */
export const BACKGROUND_MODEL_VERSIONS = ['3', 'background-studio-beta-2025-03-17', '2'] as const
export const SHADOWS_MODEL_VERSIONS = ['2026-04-15'] as const
export const MODEL_HEADERS = [BACKGROUND_MODEL_HEADER, SHADOWS_MODEL_HEADER]

const SHADOWS_MODEL = SHADOWS_MODEL_VERSIONS[0]

const label = (name: string): string => shown[name]?.label ?? name
const valueText = (name: string, value: string): string => shown[name]?.values?.[value] ?? value
const either = (name: string, values: readonly string[]): string => values.map((v) => valueText(name, v)).join(' or ')

/** "If `background.prompt` is provided, neither `background.imageUrl` nor `background.imageFile` can be provided, and vice versa." */
const excludes = (param: string, other: string): ParamRule => ({ kind: 'excludes', param, other, severity: 'error', message: `${label(param)} and ${label(other)} can't be used together: choose one` })

/** "Can't be provided if `removeBackground` is set to `false`" */
const notWithoutBackgroundRemoval = (param: string): ParamRule => ({
  kind: 'not-with-value',
  param,
  other: 'removeBackground',
  values: [false],
  severity: 'error',
  message: `${label(param)} needs ${label('removeBackground')} turned on`
})

/** "Can only be provided if `outputSize` is `originalImage` or `croppedSubject`" and the like. */
const onlyWhenValue = (param: string, other: string, values: string[]): ParamRule => ({
  kind: 'needs-value',
  param,
  other,
  values,
  severity: 'error',
  message: `${label(param)} applies only when ${label(other)} is ${either(other, values)}`
})

const headerValue = (header: string, values: readonly string[]): ParamRule => ({ kind: 'one-of', param: header, values, severity: 'error', message: `${label(header)} must be one of ${values.join(', ')}` })

/** margin, padding: "a number between 0 and 0.49, a percentage string between 0% and 49% (e.g., "30%"), or a pixel value string (e.g., "100px")". */
const spacing = (param: string): ParamRule => ({
  kind: 'format',
  param,
  anyOf: [
    { type: 'number', minimum: 0, maximum: 0.49 },
    { type: 'string', pattern: '^(?:(?:[1-3]?\\d|4[0-8])(?:\\.\\d+)?|49(?:\\.0+)?)%$' },
    { type: 'string', pattern: '^\\d+(?:\\.\\d+)?px$' }
  ],
  severity: 'error',
  message: `${label(param)} must be ${shown[param]?.allowed ?? 'a number, a percentage or pixels'}`
})

/** background.color, outline.color: "a hex color without the hash sign (example: `FF0000`, `FF0000EE`) or color name"; the GET examples show `#FF0000`. */
const color = (param: string): ParamRule => ({ kind: 'color', param, hash: 'optional', severity: 'error', message: `${label(param)} must be ${shown[param]?.allowed ?? 'a colour'}` })

const SPACING = ['margin', 'padding'].flatMap((base) => ['', 'Top', 'Bottom', 'Left', 'Right'].map((side) => `${base}${side}`))
const SHADOW_OVERRIDES = ['shadow.directionOverride', 'shadow.intensityOverride', 'shadow.softnessOverride', 'shadow.spreadOverride', 'shadow.subjectPoseOverride']
/** shadow.mode: these are "Only compatible with the `2026-04-15` AI Shadows model". */
const NEW_SHADOW_MODES = ['ai.preset-soft', 'ai.preset-hard', 'ai.auto-with-overrides']
/** `ai.soft`, `ai.hard` "Only compatible with legacy AI Shadows models"; `ai.floating` "Not compatible with the `2026-04-15` AI Shadows model". */
const LEGACY_SHADOW_MODES = ['ai.soft', 'ai.hard', 'ai.floating']

/** What a pure background removal with PNG output may carry, the only case `colorSpace=original` allows. */
const COLOR_SPACE_COMPATIBLE = ['imageFile', 'removeBackground', 'export.format', 'preserveMetadata', ...MODEL_HEADERS]
const COLOR_SPACE_MESSAGE = `${label('colorSpace')} "${valueText('colorSpace', 'original')}" works only for a plain cut-out saved as PNG`

export const photoroomEditRules: readonly ParamRule[] = [
  excludes('background.prompt', 'background.imageUrl'),
  excludes('background.prompt', 'background.imageFile'),
  excludes('background.imageUrl', 'background.imageFile'),
  excludes('background.guidance.imageUrl', 'background.guidance.imageFile'),
  ...['background.imageUrl', 'background.imageFile', 'background.guidance.imageUrl', 'background.guidance.imageFile', 'ignorePaddingAndSnapOnCroppedSides', 'referenceBox'].map(notWithoutBackgroundRemoval),
  {
    kind: 'needs-one-of',
    param: 'background.scaling',
    others: ['background.imageUrl', 'background.imageFile'],
    severity: 'error',
    message: `${label('background.scaling')} applies only with a ${label('background.imageFile')}`
  },
  onlyWhenValue('maxWidth', 'outputSize', ['originalImage', 'croppedSubject']),
  onlyWhenValue('maxHeight', 'outputSize', ['originalImage', 'croppedSubject']),
  ...SHADOW_OVERRIDES.map((name) => onlyWhenValue(name, 'shadow.mode', ['ai.auto-with-overrides'])),
  ...SPACING.map(spacing),
  color('background.color'),
  color('outline.color'),
  // Seed 002: "The value of the argument `background.seed` can be any positive integer."
  { kind: 'format', param: 'background.seed', anyOf: [{ type: 'number', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, integer: true }], severity: 'error', message: `${label('background.seed')} must be ${shown['background.seed']?.allowed}` },
  // "How closely the generated background will be matching the guiding image, between 0 and 1."
  { kind: 'format', param: 'background.guidance.scale', anyOf: [{ type: 'number', minimum: 0, maximum: 1 }], severity: 'error', message: `${label('background.guidance.scale')} must be ${shown['background.guidance.scale']?.allowed}` },
  headerValue(BACKGROUND_MODEL_HEADER, BACKGROUND_MODEL_VERSIONS),
  headerValue(SHADOWS_MODEL_HEADER, SHADOWS_MODEL_VERSIONS),
  {
    kind: 'needs-header',
    param: 'shadow.mode',
    when: NEW_SHADOW_MODES,
    header: SHADOWS_MODEL_HEADER,
    value: SHADOWS_MODEL,
    severity: 'error',
    message: `The 2026 shadows (${either('shadow.mode', NEW_SHADOW_MODES)}) need ${label(SHADOWS_MODEL_HEADER)} ${SHADOWS_MODEL}`
  },
  {
    kind: 'not-with-header',
    param: 'shadow.mode',
    when: LEGACY_SHADOW_MODES,
    header: SHADOWS_MODEL_HEADER,
    value: SHADOWS_MODEL,
    severity: 'error',
    message: `${either('shadow.mode', LEGACY_SHADOW_MODES)} shadows don't work with ${label(SHADOWS_MODEL_HEADER)} ${SHADOWS_MODEL}: choose a 2026 shadow or clear the model`
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
  // "If set to `error`, the request is rejected with HTTP 400 … for any other mode, because the check is not supported there."
  { kind: 'needs-value', param: 'beautify.onSubjectMismatch', when: ['error'], other: 'beautify.mode', values: ['ai.food'], severity: 'error', message: `${label('beautify.onSubjectMismatch')}: "${valueText('beautify.onSubjectMismatch', 'error')}" works only with ${label('beautify.mode')} set to ${valueText('beautify.mode', 'ai.food')}` },
  {
    kind: 'needs-header',
    param: 'background.negativePrompt',
    header: BACKGROUND_MODEL_HEADER,
    value: '2',
    severity: 'warning',
    message: `${label('background.negativePrompt')} only has an effect with ${label(BACKGROUND_MODEL_HEADER)} ${valueText(BACKGROUND_MODEL_HEADER, '2')}`
  }
]
