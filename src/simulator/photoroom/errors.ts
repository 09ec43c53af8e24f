import { json, type Reply } from '../http-io'
import type { ProviderErrors } from '../context'

/** `/v1/segment` errors: `{detail, status_code, type}`. */
export const v1Error = (status: number, type: string, detail: string): Reply =>
  json(status, { detail, status_code: status, type })

/** Image-api (`/v2/edit`, accounts) errors: `{error: {message}}`. */
export const v2Error = (status: number, message: string): Reply => json(status, { error: { message } })

export const CREDITS_EXHAUSTED =
  'API credits exhausted. Visit https://app.photoroom.com/api-dashboard to purchase more API credits'

/** 402 on the image-api: `{error: {detail}}`. */
export const paymentError = (detail = CREDITS_EXHAUSTED): Reply => json(402, { error: { detail } })

export const photoroomErrors: ProviderErrors = {
  unauthorized: (missing, route) =>
    missing && route.missingKeyStatus === 400
      ? v2Error(400, 'apiKey: Required')
      : json(403, { detail: 'Forbidden', message: missing ? 'Missing x-api-key header' : 'Invalid API key' }),
  rateLimited: (retryAfter) =>
    json(
      429,
      { error: { message: 'Too many requests, please slow down' } },
      retryAfter === null ? {} : { 'retry-after': String(retryAfter) }
    ),
  serverError: () => v2Error(500, 'An unexpected error occurred. Please try again later or contact support.'),
  notFound: () => json(404, { detail: 'Not Found' })
}
