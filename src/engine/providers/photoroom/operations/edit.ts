import { sideProblems, type InputLimits } from '../../../../shared/images/input-limits'
import { defineOperation, extensionOf, findDescriptor, formatProblems, sizeProblems } from '../../../../shared/operations/common'
import type { ParamProblem, ParamValues } from '../../../../shared/operations/types'
import { describe, type ParamDescriptor } from '../../../../shared/params/describe'
import { findParam, GET_ONLY, photoroomEditParams } from '../params/openapi'
import { photoroomEditPresentation } from '../presentation/edit'
import { BACKGROUND_MODEL_HEADER, BACKGROUND_MODEL_VERSIONS, photoroomEditRules, SHADOWS_MODEL_HEADER, SHADOWS_MODEL_VERSIONS } from '../params/rules'

const LABEL = 'Photoroom edit'
/** 6000 px is documented for remove-background only; v2/edit gives none, so the same is assumed. */
const LIMITS: InputLimits = { formats: ['jpeg', 'png', 'webp'], maxBytes: 30 * 1024 * 1024, maxSide: 6000, srgbOnly: true }

/** Model versions are chosen by request header (seed 002, api-notes), described here like parameters. */
const MODEL_HEADERS: ParamDescriptor[] = [
  {
    ...describe(BACKGROUND_MODEL_HEADER, { type: 'string', enum: [...BACKGROUND_MODEL_VERSIONS] }, 'AI Backgrounds model: 3 (default), background-studio-beta-2025-03-17 (recommended) or 2 (legacy, the only one using negativePrompt).'),
    header: true
  },
  {
    ...describe(SHADOWS_MODEL_HEADER, { type: 'string', enum: [...SHADOWS_MODEL_VERSIONS] }, 'AI Shadows model 2026-04-15, needed for ai.preset-*, ai.auto-with-overrides and the shadow overrides.'),
    header: true
  }
]

const params: ParamDescriptor[] = [...photoroomEditParams.filter((p) => p.name !== 'imageFile').map((p) => describe(p.name, p.schema, p.description)), ...MODEL_HEADERS]

const LINKS = GET_ONLY.map((name) => findParam(photoroomEditParams, name)?.matcher).filter((m): m is RegExp => m !== undefined)

/** A link Photoroom's GET would take is downloaded and sent as the file: it must be a web address. */
function linkProblems(values: ParamValues): ParamProblem[] {
  return Object.entries(values).flatMap(([given, value]) => {
    if (!LINKS.some((m) => m.test(given)) || (typeof value === 'string' && /^https?:\/\/\S+$/i.test(value))) return []
    const label = photoroomEditPresentation[findDescriptor(params, given)?.descriptor.name ?? given]?.label ?? given
    return [{ param: given, message: `${label} must be a web address starting with http:// or https://` }]
  })
}

const HEADER_NAMES = new Set(MODEL_HEADERS.map((p) => p.name))

export function splitHeaders(values: ParamValues): { body: ParamValues; headers: Record<string, string> } {
  const body: ParamValues = {}
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) {
    if (HEADER_NAMES.has(name)) headers[name] = String(value)
    else body[name] = value
  }
  return { body, headers }
}

/** Seconds each AI feature adds on top of a plain edit (Photoroom's published medians, with margin). */
const FEATURE_SECONDS: Record<string, number> = {
  'shadow.mode': 20,
  'background.prompt': 25,
  'lighting.mode': 45,
  'textRemoval.mode': 30,
  'expand.mode': 45,
  'uncrop.mode': 45,
  'upscale.mode': 90,
  'beautify.mode': 30,
  'editWithAI.prompt': 60,
  'describeAnyChange.prompt': 60,
  'flatLay.mode': 90,
  'ghostMannequin.mode': 90,
  'virtualModel.mode': 120,
  'imageFromPrompt.prompt': 60
}

const UPSCALE_MAX_PIXELS: Record<string, number> = { 'ai.fast': 1_000_000, 'ai.slow': 262_144 }

export const photoroomEdit = defineOperation({
  id: 'photoroom.edit',
  provider: 'photoroom',
  operation: 'edit',
  label: LABEL,
  params,
  presentation: photoroomEditPresentation,
  rules: photoroomEditRules,
  check: linkProblems,
  downloadedLinks: GET_ONLY,
  purchase: {
    // export.format: "png", "jpeg", "jpg" — jpg and jpeg name one format.
    synonyms: { 'export.format': { jpg: 'jpeg' } },
    // Seed 002: "The current default model, v3 (version identifier `3`)".
    defaults: { [BACKGROUND_MODEL_HEADER]: '3' }
  },
  pricing: { unit: 'images', base: 1, effects: [], sandboxFree: true },
  inputLimits: LIMITS,
  inputProblems: (image, values) => {
    const problems = [...formatProblems(image, LIMITS.formats, LABEL), ...sizeProblems(image, LIMITS.maxBytes, LABEL), ...sideProblems(image, LIMITS, LABEL)]
    const mode = values['upscale.mode'] as string | undefined
    const limit = mode ? UPSCALE_MAX_PIXELS[mode] : undefined
    const downscale = (values['upscale.downscaleIfNeeded'] as string | undefined) ?? 'never'
    if (limit && downscale === 'never' && image.width * image.height > limit) {
      problems.push(`AI upscale ${mode} takes at most ${limit.toLocaleString('en')} pixels; this image has ${(image.width * image.height).toLocaleString('en')} (set "Too large to upscale" to "Shrink it first", upscale.downscaleIfNeeded=always, to let Photoroom shrink it)`)
    }
    return problems
  },
  // export.format: 'Default value is "png".'
  expectedOutputs: (values) => ({ extension: extensionOf(values['export.format'], 'png'), count: 1 }),
  timeoutMs: (values) => {
    const extra = Object.entries(FEATURE_SECONDS).reduce((sum, [name, seconds]) => (values[name] === undefined ? sum : sum + seconds), 0)
    return Math.min(300, 30 + extra) * 1000
  }
})
