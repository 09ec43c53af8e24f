/**
 * Rules between `/v2/edit` parameters that the OpenAPI document states only in prose.
 * One table serves the simulator (which rejects with 400) and the client (which refuses before sending).
 */

export const BACKGROUND_MODEL_HEADER = 'pr-ai-background-model-version'
export const SHADOWS_MODEL_HEADER = 'pr-ai-shadows-model-version'
export const BACKGROUND_MODEL_VERSIONS = ['3', 'background-studio-beta-2025-03-17', '2'] as const
export const SHADOWS_MODEL_VERSIONS = ['2026-04-15'] as const

export interface RuleInput {
  /** Parameter values keyed by the spec's dotted name; files are present with any truthy value. */
  values: Record<string, unknown>
  /** Request headers, lower-case names. */
  headers: Record<string, string | undefined>
}

export interface ParamRule {
  /** Parameters the rule is about, so a form can show the message next to them. */
  params: string[]
  severity: 'error' | 'warning'
  message: string
  violated(input: RuleInput): boolean
}

const has = (input: RuleInput, name: string): boolean => input.values[name] !== undefined
const isFalse = (input: RuleInput, name: string): boolean => input.values[name] === false
const shadowsModel = (input: RuleInput): string | undefined => input.headers[SHADOWS_MODEL_HEADER]

function exclusive(a: string, b: string): ParamRule {
  return {
    params: [a, b],
    severity: 'error',
    message: `${a} and ${b} can't be provided together`,
    violated: (i) => has(i, a) && has(i, b)
  }
}

function notWithoutBackgroundRemoval(name: string): ParamRule {
  return {
    params: [name, 'removeBackground'],
    severity: 'error',
    message: `${name} can't be provided if removeBackground is set to false`,
    violated: (i) => has(i, name) && isFalse(i, 'removeBackground')
  }
}

function onlyWithOneOf(name: string, others: string[]): ParamRule {
  return {
    params: [name, ...others],
    severity: 'error',
    message: `${name} can only be provided if ${others.join(' or ')} is provided`,
    violated: (i) => has(i, name) && !others.some((o) => has(i, o))
  }
}

function onlyWhenValue(name: string, other: string, allowed: unknown[]): ParamRule {
  return {
    params: [name, other],
    severity: 'error',
    message: `${name} can only be provided if ${other} is ${allowed.join(' or ')}`,
    violated: (i) => has(i, name) && !allowed.includes(i.values[other])
  }
}

const SHADOW_OVERRIDES = [
  'shadow.directionOverride',
  'shadow.intensityOverride',
  'shadow.softnessOverride',
  'shadow.spreadOverride',
  'shadow.subjectPoseOverride'
]
const NEW_SHADOW_MODES = ['ai.preset-soft', 'ai.preset-hard', 'ai.auto-with-overrides']
const LEGACY_SHADOW_MODES = ['ai.soft', 'ai.hard', 'ai.floating']

function headerValue(header: string, allowed: readonly string[]): ParamRule {
  return {
    params: [],
    severity: 'error',
    message: `${header} must be one of ${allowed.join(', ')}`,
    violated: (i) => i.headers[header] !== undefined && !allowed.includes(i.headers[header] as string)
  }
}

/** "0.3", "30%" or "100px": a ratio up to 0.49, a percentage up to 49%, or pixels. */
export function isValidSpacing(value: unknown): boolean {
  if (typeof value === 'number') return value >= 0 && value <= 0.49
  if (typeof value !== 'string') return false
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value)
  if (percent) return Number(percent[1]) <= 49
  return /^\d+(?:\.\d+)?px$/.test(value)
}

const SPACING = ['margin', 'padding'].flatMap((base) =>
  ['', 'Top', 'Bottom', 'Left', 'Right'].map((side) => `${base}${side}`)
)

function spacing(name: string): ParamRule {
  return {
    params: [name],
    severity: 'error',
    message: `${name} must be a number between 0 and 0.49, a percentage between 0% and 49%, or a pixel value like 100px`,
    violated: (i) => has(i, name) && !isValidSpacing(i.values[name])
  }
}

/** What a pure background removal with PNG output may carry, the only case `colorSpace=original` allows. */
const COLOR_SPACE_COMPATIBLE = new Set(['imageFile', 'removeBackground', 'colorSpace', 'export.format', 'preserveMetadata'])

export const photoroomEditRules: readonly ParamRule[] = [
  exclusive('background.prompt', 'background.imageUrl'),
  exclusive('background.prompt', 'background.imageFile'),
  exclusive('background.imageUrl', 'background.imageFile'),
  ...[
    'background.imageUrl',
    'background.imageFile',
    'background.guidance.imageUrl',
    'background.guidance.imageFile',
    'ignorePaddingAndSnapOnCroppedSides',
    'referenceBox'
  ].map(notWithoutBackgroundRemoval),
  onlyWithOneOf('background.scaling', ['background.imageUrl', 'background.imageFile']),
  onlyWhenValue('maxWidth', 'outputSize', ['originalImage', 'croppedSubject']),
  onlyWhenValue('maxHeight', 'outputSize', ['originalImage', 'croppedSubject']),
  ...SHADOW_OVERRIDES.map((name) => onlyWhenValue(name, 'shadow.mode', ['ai.auto-with-overrides'])),
  ...SPACING.map(spacing),
  headerValue(BACKGROUND_MODEL_HEADER, BACKGROUND_MODEL_VERSIONS),
  headerValue(SHADOWS_MODEL_HEADER, SHADOWS_MODEL_VERSIONS),
  {
    params: ['shadow.mode'],
    severity: 'error',
    message: `shadow.mode ${NEW_SHADOW_MODES.join(', ')} requires the header ${SHADOWS_MODEL_HEADER}: 2026-04-15`,
    violated: (i) => NEW_SHADOW_MODES.includes(i.values['shadow.mode'] as string) && shadowsModel(i) !== '2026-04-15'
  },
  {
    params: ['shadow.mode'],
    severity: 'error',
    message: `shadow.mode ${LEGACY_SHADOW_MODES.join(', ')} is not compatible with the 2026-04-15 AI Shadows model`,
    violated: (i) => LEGACY_SHADOW_MODES.includes(i.values['shadow.mode'] as string) && shadowsModel(i) === '2026-04-15'
  },
  {
    params: ['colorSpace'],
    severity: 'error',
    message: 'colorSpace=original is only valid for a pure background removal with PNG output',
    violated: (i) =>
      i.values['colorSpace'] === 'original' &&
      (Object.keys(i.values).some((k) => !COLOR_SPACE_COMPATIBLE.has(k)) ||
        !['png', undefined].includes(i.values['export.format'] as string | undefined) ||
        ['exifSubset', 'exifSubsetWithXmpCompatibility'].includes(i.values['preserveMetadata'] as string))
  },
  {
    params: ['background.negativePrompt'],
    severity: 'warning',
    message: `background.negativePrompt only has an effect with ${BACKGROUND_MODEL_HEADER}: 2`,
    violated: (i) => has(i, 'background.negativePrompt') && i.headers[BACKGROUND_MODEL_HEADER] !== '2'
  },
  {
    params: ['beautify.onSubjectMismatch', 'beautify.mode'],
    severity: 'warning',
    message: 'beautify.onSubjectMismatch only has an effect with beautify.mode=ai.food',
    violated: (i) => has(i, 'beautify.onSubjectMismatch') && i.values['beautify.mode'] !== 'ai.food'
  }
]

export function checkRules(rules: readonly ParamRule[], input: RuleInput): ParamRule[] {
  return rules.filter((rule) => rule.violated(input))
}
