import { Agent, request, type Dispatcher, type FormData } from 'undici'
import { JobError, parseRetryAfter } from '../errors'

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: FormData | string | AsyncIterable<Uint8Array>
  signal: AbortSignal
  timeoutMs: number
}

/** One connection pool per engine; keep-alive matters when a batch sends thousands of requests. */
export function createDispatcher(connections: number): Dispatcher {
  return new Agent({ connections, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 })
}

function headerMap(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]])))
}

/**
 * Sends a request and reads the whole answer. Transport failures become retryable JobErrors here;
 * HTTP statuses are left to each provider's mapping.
 */
export async function send(dispatcher: Dispatcher, req: HttpRequest, provider: string): Promise<HttpResponse> {
  // A timer cleared when the request ends: AbortSignal.timeout would keep one alive per request for
  // the whole timeout, and memory would grow with the size of the batch.
  const controller = new AbortController()
  const cancel = (): void => controller.abort()
  req.signal.addEventListener('abort', cancel, { once: true })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, req.timeoutMs)
  const signal = controller.signal
  // Which status arrived before a failure: a 200 whose body is lost was still charged.
  let status: number | undefined
  try {
    const response = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body as Dispatcher.RequestOptions['body'],
      signal,
      dispatcher,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs
    })
    status = response.statusCode
    const body = Buffer.from(await response.body.arrayBuffer())
    return { status, headers: headerMap(response.headers), body }
  } catch (error) {
    if (req.signal.aborted) throw new JobError('cancelled', 'Cancelled')
    const details = status === undefined ? {} : { status, paid: status === 200 }
    const during = status === 200 ? ' while sending the result' : ''
    const limit = req.timeoutMs >= 1000 ? `${Math.round(req.timeoutMs / 1000)} s` : `${req.timeoutMs} ms`
    if (timedOut) throw new JobError('retryable', `${provider} did not answer within ${limit}${during}`, details)
    const code = (error as { code?: string }).code
    throw new JobError('retryable', `The connection to ${provider} failed${during}${code ? ` (${code})` : ''}`, details)
  } finally {
    clearTimeout(timer)
    req.signal.removeEventListener('abort', cancel)
  }
}

/** Decisions shared by all three providers; each adds its own body reading and special cases. */
export function statusKind(status: number): 'retryable' | 'auth' | 'credits' | 'invalid-request' | null {
  if (status === 429 || status === 408 || status >= 500) return 'retryable'
  if (status === 401 || status === 403) return 'auth'
  if (status === 402) return 'credits'
  if (status >= 400) return 'invalid-request'
  return null
}

export function rateLimitDetails(response: HttpResponse): { status: number; retryAfterMs?: number; rateLimited: boolean } {
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'])
  return { status: response.status, rateLimited: response.status === 429, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/avif': 'avif' }

export function extensionFor(contentType: string | undefined): string {
  return EXTENSIONS[(contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'png'
}
