import { parseColor } from '../colors'

/**
 * What the `/v2/edit` documents say in prose rather than in a schema, each with the words it comes from
 * (the OpenAPI descriptions unless another document is named). A broken rule is a 400 naming the parameter.
 */

type Values = Record<string, unknown>
type Headers = Record<string, string | undefined>
type Rule = (values: Values, headers: Headers) => string | null

export const BACKGROUND_MODEL_HEADER = 'pr-ai-background-model-version'
export const SHADOWS_MODEL_HEADER = 'pr-ai-shadows-model-version'
/** Seed 002 "Model selection": `3` (default), `background-studio-beta-2025-03-17`, `2` (deprecated). */
const BACKGROUND_MODELS = ['3', 'background-studio-beta-2025-03-17', '2']
/** api-notes: `pr-ai-shadows-model-version: 2026-04-15` for the new shadow modes and overrides. */
const SHADOWS_MODEL = '2026-04-15'

const given = (values: Values, name: string): boolean => values[name] !== undefined

/** "If `background.prompt` is provided, neither `background.imageUrl` nor `background.imageFile` can be provided, and vice versa." */
const excludes =
  (a: string, b: string): Rule =>
  (v) =>
    given(v, a) && given(v, b) ? `${a} and ${b} can't be provided together` : null

/** "Can't be provided if `removeBackground` is set to `false`" */
const needsBackgroundRemoval =
  (name: string): Rule =>
  (v) =>
    given(v, name) && v['removeBackground'] === false ? `${name} can't be provided if removeBackground is set to false` : null

/** "Can only be provided if `outputSize` is `originalImage` or `croppedSubject`" and the like. */
const onlyWith =
  (name: string, other: string, allowed: unknown[]): Rule =>
  (v) =>
    given(v, name) && !allowed.includes(v[other]) ? `${name} can only be provided if ${other} is ${allowed.join(' or ')}` : null

/** background.color, outline.color: "a hex color without the hash sign (example: `FF0000`, `FF0000EE`) or color name"; GET's examples show `#FF0000`. */
const color =
  (name: string): Rule =>
  (v) =>
    given(v, name) && (typeof v[name] !== 'string' || !parseColor(v[name], 'optional')) ? `${name} must be a hex color like FF0000 or FF0000EE, or a color name like red` : null

/** margin, padding: "a number between 0 and 0.49, a percentage string between 0% and 49% (e.g., "30%"), or a pixel value string (e.g., "100px")". */
const spacing =
  (name: string): Rule =>
  (v) => {
    const value = v[name]
    if (value === undefined) return null
    const ok = typeof value === 'number' ? value >= 0 && value <= 0.49 : /^\d+(\.\d+)?px$/.test(String(value)) || (/^\d+(\.\d+)?%$/.test(String(value)) && parseFloat(String(value)) <= 49)
    return ok ? null : `${name} must be a number between 0 and 0.49, a percentage between 0% and 49%, or a pixel value like 100px`
  }

const SPACING = ['margin', 'padding'].flatMap((base) => ['', 'Top', 'Bottom', 'Left', 'Right'].map((side) => `${base}${side}`))
const SHADOW_OVERRIDES = ['shadow.directionOverride', 'shadow.intensityOverride', 'shadow.softnessOverride', 'shadow.spreadOverride', 'shadow.subjectPoseOverride']
/** shadow.mode: `ai.soft`, `ai.hard` "Only compatible with legacy AI Shadows models", `ai.floating` "Not compatible with the `2026-04-15` AI Shadows model". */
const LEGACY_SHADOWS = ['ai.soft', 'ai.hard', 'ai.floating']
/** `ai.preset-soft`, `ai.preset-hard`, `ai.auto-with-overrides`: "Only compatible with the `2026-04-15` AI Shadows model". */
const NEW_SHADOWS = ['ai.preset-soft', 'ai.preset-hard', 'ai.auto-with-overrides']

const shadowModel: Rule = (v, h) => {
  const mode = v['shadow.mode']
  const header = h[SHADOWS_MODEL_HEADER]
  if (header !== undefined && header !== SHADOWS_MODEL) return `${SHADOWS_MODEL_HEADER} must be ${SHADOWS_MODEL}`
  if (NEW_SHADOWS.includes(String(mode)) && header !== SHADOWS_MODEL) return `shadow.mode ${String(mode)} is only compatible with the ${SHADOWS_MODEL} AI Shadows model (header ${SHADOWS_MODEL_HEADER}: ${SHADOWS_MODEL})`
  if (LEGACY_SHADOWS.includes(String(mode)) && header === SHADOWS_MODEL) return `shadow.mode ${String(mode)} is not compatible with the ${SHADOWS_MODEL} AI Shadows model`
  return null
}

const backgroundModel: Rule = (_v, h) => {
  const header = h[BACKGROUND_MODEL_HEADER]
  return header !== undefined && !BACKGROUND_MODELS.includes(header) ? `${BACKGROUND_MODEL_HEADER} must be one of ${BACKGROUND_MODELS.join(', ')}` : null
}

/** Seed 002: "The value of the argument `background.seed` can be any positive integer." */
const positiveSeed: Rule = (v) => {
  const seed = v['background.seed']
  return seed !== undefined && !(Number.isInteger(seed) && (seed as number) > 0) ? 'background.seed must be a positive integer' : null
}

/** background.guidance.scale: "between 0 and 1" (the schema gives only the maximum). */
const guidanceScale: Rule = (v) => {
  const scale = v['background.guidance.scale']
  return typeof scale === 'number' && scale < 0 ? 'background.guidance.scale must be between 0 and 1' : null
}

/**
 * colorSpace `original`: "Only valid when the request is a pure background removal with PNG output; combining it
 * with any other operation (background, shadow, geometry changes, non-PNG export, `export.dpi`,
 * `keepExistingAlphaChannel: "auto"`, EXIF-subset `preserveMetadata` modes, ...) returns a 400 error naming the
 * conflicting parameter."
 */
const PURE_REMOVAL = ['imageFile', 'imageUrl', 'removeBackground', 'colorSpace', 'export.format', 'preserveMetadata', 'keepExistingAlphaChannel']
const colorSpace: Rule = (v) => {
  if (v['colorSpace'] !== 'original') return null
  const conflict =
    Object.keys(v).find((name) => !PURE_REMOVAL.includes(name)) ??
    (given(v, 'export.format') && v['export.format'] !== 'png' ? 'export.format' : undefined) ??
    (v['keepExistingAlphaChannel'] === 'auto' ? 'keepExistingAlphaChannel' : undefined) ??
    (String(v['preserveMetadata'] ?? '').startsWith('exifSubset') ? 'preserveMetadata' : undefined)
  return conflict ? `colorSpace=original can't be combined with ${conflict}: it is only valid for a pure background removal with PNG output` : null
}

/** beautify.onSubjectMismatch `error`: rejected "for any other mode [than `ai.food`], because the check is not supported there". */
const subjectCheck: Rule = (v) =>
  v['beautify.onSubjectMismatch'] === 'error' && v['beautify.mode'] !== 'ai.food' ? 'beautify.onSubjectMismatch=error is only supported with beautify.mode ai.food' : null

/** scaling: "Can only be provided if `imageUrl` or `imageFile` is provided" (not with `imageFromPrompt`). */
const scalingNeedsImage: Rule = (v) => (given(v, 'scaling') && !given(v, 'imageFile') && !given(v, 'imageUrl') ? 'scaling can only be provided if imageUrl or imageFile is provided' : null)

export const EDIT_RULES: readonly Rule[] = [
  excludes('background.prompt', 'background.imageUrl'),
  excludes('background.prompt', 'background.imageFile'),
  excludes('background.imageUrl', 'background.imageFile'),
  excludes('background.guidance.imageUrl', 'background.guidance.imageFile'),
  ...['background.imageUrl', 'background.imageFile', 'background.guidance.imageUrl', 'background.guidance.imageFile', 'ignorePaddingAndSnapOnCroppedSides', 'referenceBox'].map(
    needsBackgroundRemoval
  ),
  (v) =>
    given(v, 'background.scaling') && !given(v, 'background.imageUrl') && !given(v, 'background.imageFile')
      ? 'background.scaling can only be provided if background.imageUrl or background.imageFile is provided'
      : null,
  onlyWith('maxWidth', 'outputSize', ['originalImage', 'croppedSubject']),
  onlyWith('maxHeight', 'outputSize', ['originalImage', 'croppedSubject']),
  ...SHADOW_OVERRIDES.map((name) => onlyWith(name, 'shadow.mode', ['ai.auto-with-overrides'])),
  shadowModel,
  backgroundModel,
  ...SPACING.map(spacing),
  color('background.color'),
  color('outline.color'),
  positiveSeed,
  guidanceScale,
  colorSpace,
  subjectCheck,
  scalingNeedsImage
]

export function brokenRule(values: Values, headers: Headers): string | null {
  for (const rule of EDIT_RULES) {
    const message = rule(values, headers)
    if (message) return message
  }
  return null
}
