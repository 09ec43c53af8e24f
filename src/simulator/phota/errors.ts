import { json, type Reply } from '../http-io'
import type { ProviderErrors } from '../context'

/** Phota errors: `{detail, code, request_id}`; the request id is filled in by `withRequestId`. */
export const photaError = (status: number, code: string, detail: string): Reply => json(status, { detail, code })

export const photaErrors: ProviderErrors = {
  unauthorized: (missing) => photaError(401, 'UNAUTHORIZED', missing ? 'Missing API key in the X-API-Key header' : 'Invalid API key'),
  rateLimited: (retryAfter) =>
    json(
      429,
      { detail: 'Rate limit exceeded', code: 'RATE_LIMITED' },
      retryAfter === null ? {} : { 'retry-after': String(retryAfter) }
    ),
  serverError: (random) =>
    random() < 0.5
      ? photaError(500, 'INTERNAL_ERROR', 'Internal error')
      : photaError(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable'),
  notFound: () => photaError(404, 'NOT_FOUND', 'Not Found')
}

/** Every Phota response carries `X-Request-Id`, and error bodies repeat it. */
export function withRequestId(reply: Reply, requestId: string): Reply {
  const body = reply.body
  const isErrorBody = typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && 'code' in body
  return {
    ...reply,
    headers: { ...reply.headers, 'x-request-id': requestId },
    body: isErrorBody ? { ...body, request_id: requestId } : body
  }
}
