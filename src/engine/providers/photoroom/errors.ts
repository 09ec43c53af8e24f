import { JobError } from '../../errors'
import { parseJson, rateLimitDetails, statusKind, type HttpResponse } from '../http'
import type { SpecParam } from './params/openapi'

/** The photo itself: a refusal naming it is about the image, not a setting. */
const PHOTO_FIELDS = ['imageFile', 'imageUrl', 'image_file']
/** `/v1/segment` error types about the image (`{detail, status_code, type}`): `invalid_image`, `resolution_too_high`… */
const IMAGE_TYPES = /image|format|resolution|large|decode/i
/** A message with no type that is about the photo's bytes rather than a setting. */
const IMAGE_WORDS = /could not be decoded|decode|corrupt|unsupported image|image format|too large|resolution|srgb|colou?r space|larger than/i

interface Body {
  error?: { message?: string; detail?: string }
  detail?: string
  message?: string
  type?: string
}

/** Photoroom's errors: `{error: {message}}`, `{error: {detail}}` or `{detail, type}` depending on host and status. */
function read(response: HttpResponse): { text: string; type?: string } {
  const body = parseJson(response.body) as Body | undefined
  return { text: body?.error?.message ?? body?.error?.detail ?? body?.detail ?? body?.message ?? `HTTP ${response.status}`, type: body?.type }
}

/** The documented parameter a message names, the longest that fits (`background.guidance.scale` over `background`). */
function namedParam(text: string, params: readonly SpecParam[]): SpecParam | undefined {
  const words = text.match(/[A-Za-z_][\w.{}-]*/g) ?? []
  const found = params.filter((p) => words.some((w) => p.matcher.test(w.replace(/[.:]+$/, '')) || w.replace(/[.:]+$/, '').startsWith(`${p.name}.`)))
  return found.sort((a, b) => b.name.length - a.name.length)[0]
}

export interface PhotoroomErrorContext {
  params: readonly SpecParam[]
  /** The parameter's name in the window's words. */
  label(name: string): string
  /** A sandbox key: free, 1,000 proofs a month. */
  sandbox: boolean
}

/**
 * A Photoroom answer other than 200, mapped once: a 400 naming a parameter is that parameter's problem
 * (not a damaged photo); a 402 to a sandbox key is the month's free proofs used up, not a top-up.
 */
export function photoroomError(response: HttpResponse, context: PhotoroomErrorContext): JobError {
  const kind = statusKind(response.status) ?? 'invalid-request'
  const { text, type } = read(response)
  const status = response.status
  switch (kind) {
    case 'auth':
      // A 403 about sandbox use is about the endpoint, not the key: the key works elsewhere.
      if (/sandbox/i.test(text)) return new JobError('invalid-request', `Photoroom refused the request: ${text}`, { status })
      return new JobError('auth', 'Photoroom rejected the API key (a sandbox key starts with "sandbox_").', { status })
    case 'credits':
      if (context.sandbox) {
        return new JobError('credits', `This month's free Photoroom sandbox proofs (1,000 a month) are used up: they come back next month, or run with a live key. (${text})`, { status })
      }
      return new JobError('credits', 'Photoroom credits are used up. Top up your Photoroom account, then resume.', { status })
    case 'retryable':
      return new JobError('retryable', status === 429 ? 'Photoroom asked us to slow down' : `Photoroom had a temporary problem (${status})`, rateLimitDetails(response))
    default: {
      const param = namedParam(text, context.params)
      if (param && !PHOTO_FIELDS.includes(param.name)) {
        return new JobError('invalid-request', `Photoroom refused ${context.label(param.name)} (${param.name}): ${text}`, { status, param: param.name })
      }
      const aboutImage = param !== undefined || (type !== undefined ? IMAGE_TYPES.test(type) : IMAGE_WORDS.test(text))
      return new JobError(aboutImage ? 'unsupported-input' : 'invalid-request', `Photoroom refused ${aboutImage ? 'this photo' : 'the request'}: ${text}`, { status })
    }
  }
}
