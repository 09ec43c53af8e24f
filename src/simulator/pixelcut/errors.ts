import { json, type Reply } from '../http-io'
import type { ProviderErrors } from '../context'

/** Pixelcut errors: `{error, error_code}`. */
export const pixelcutError = (status: number, code: string, message: string): Reply =>
  json(status, { error: message, error_code: code })

export const pixelcutErrors: ProviderErrors = {
  unauthorized: () => pixelcutError(401, 'invalid_auth_token', 'API Token not found'),
  rateLimited: (retryAfter) =>
    json(
      429,
      { error: 'Too many requests', error_code: 'rate_limit_exceeded' },
      retryAfter === null ? {} : { 'retry-after': String(retryAfter) }
    ),
  serverError: () => json(500, { error: 'Internal service error' }),
  notFound: () => json(404, { error: 'Not found' })
}
