import { JobError } from '../../errors'
import { parseJson, rateLimitDetails, statusKind, type HttpResponse } from '../http'
import { photaEditPresentation } from './presentation/edit'

/** How long to wait before asking again for a profile Phota is still preparing. */
export const PROFILE_RETRY_MS = 10_000

const PARAMS = Object.keys(photaEditPresentation)
const label = (name: string): string => photaEditPresentation[name]?.label ?? name

interface Body {
  detail?: string | { loc?: unknown[]; msg?: string }[]
  code?: string
}

/** The parameter a refusal names: FastAPI's `loc`, or a name in the message (`Unknown base_model 'x'`). */
function namedParam(body: Body | undefined, text: string): string | undefined {
  const loc = Array.isArray(body?.detail) ? body.detail.flatMap((d) => (d.loc ?? []).filter((l) => typeof l === 'string' && l !== 'body')) : []
  return PARAMS.find((p) => loc.includes(p)) ?? PARAMS.filter((p) => new RegExp(`\\b${p}\\b`).test(text)).sort((a, b) => b.length - a.length)[0]
}

/**
 * Phota's answers other than 200, mapped once: `{detail, code, request_id}`, or FastAPI's 422
 * `{detail: [{loc, msg}]}`. A profile still being prepared is tried again later; a refused value
 * (an unknown `base_model` is a 400) names its parameter.
 */
export function photaError(response: HttpResponse): JobError {
  const body = parseJson(response.body) as Body | undefined
  const status = response.status
  const id = response.headers['x-request-id'] ? ` (request ${response.headers['x-request-id']})` : ''
  const text = Array.isArray(body?.detail) ? body.detail.map((d) => `${(d.loc ?? []).filter((l) => l !== 'body').join('.')}: ${d.msg}`).join('; ') : (body?.detail ?? `HTTP ${status}`)
  const kind = statusKind(status)
  if (kind === 'auth') return new JobError('auth', 'Phota rejected the API key.', { status })
  if (kind === 'credits') return new JobError('credits', 'Phota prepaid credit is used up. Top up your Phota account, then resume.', { status })
  if (kind === 'retryable' || status === 504) {
    return new JobError('retryable', status === 429 ? 'Phota asked us to slow down' : `Phota had a temporary problem (${status})${id}`, rateLimitDetails(response))
  }
  if (body?.code === 'PROFILE_NOT_READY') {
    return new JobError('retryable', `Phota is still preparing a profile this edit names (${text}); trying again in ${PROFILE_RETRY_MS / 1000} s${id}`, { status, askAgainAfterMs: PROFILE_RETRY_MS, param: 'profile_ids' })
  }
  if (body?.code === 'PROFILE_NOT_FOUND') return new JobError('invalid-request', `Phota has no such profile: ${text}; check ${label('profile_ids')}${id}`, { status, param: 'profile_ids' })
  if (body?.code === 'CONTENT_MODERATION') return new JobError('unsupported-input', `Phota's content moderation refused this image or prompt${id}`, { status })
  const param = namedParam(body, text)
  if (param) return new JobError('invalid-request', `Phota refused ${label(param)} (${param}): ${text}${id}`, { status, param })
  return new JobError('invalid-request', `Phota refused the request: ${text}${id}`, { status })
}
