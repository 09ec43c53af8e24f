import tls from 'node:tls'
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici'
import { FORMATS } from '../../shared/images/formats'
import { sniffImageFormat } from '../../shared/images/sniff-format'
import { printable } from '../../shared/printable'
import { isJobError, JobError, parseRetryAfter } from '../errors'
import { noticingSent } from './sent-notice'
import type { ProviderOutput } from './types'

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: Buffer | string | AsyncIterable<Uint8Array>
  signal: AbortSignal
  /** The most to wait, for the answer and then for its body. */
  timeoutMs: number
  /** A shorter, learnt wait for the answer's status: a request that never gets one costs seconds. */
  answerDeadline?: AnswerDeadline
  /** Told when the request is written to a connection: when the provider starts counting it against the rate limit. */
  onSent?: () => void
  /** The most a successful answer may hold (default MAX_ANSWER_BYTES): a bigger one is refused, never held whole. */
  maxBodyBytes?: number
}

/** A successful answer larger than this is refused: no result of ours is near it, and main holds answers in memory. */
export const MAX_ANSWER_BYTES = 200 * 1024 * 1024
/** An error's body is read this far: enough for any message, never a runaway body. */
const MAX_ERROR_BYTES = 64 * 1024

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`
}

/** How long an operation's answers usually take, and so how long to wait for one. */
export interface AnswerDeadline {
  readonly limitMs: number
  readonly usualMs: number | undefined
  observe(ms: number): void
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`
}

/**
 * One connection pool per engine; keep-alive matters when a batch sends thousands of requests. Through
 * the proxy the environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as a studio's or a shop's
 * network may require, trusting the system's certificates besides Node's own (a proxy that inspects
 * TLS signs with its company's root) where the runtime can read them (Node 22.15+, so the app).
 */
export function createDispatcher(connections: number): Dispatcher {
  const ca = trustedCertificates()
  const tlsOptions = ca ? { connect: { ca }, requestTls: { ca }, proxyTls: { ca } } : {}
  return new EnvHttpProxyAgent({ connections, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, ...tlsOptions })
}

let certificates: string[] | null | undefined

function trustedCertificates(): string[] | undefined {
  if (certificates === undefined) {
    const read = (tls as { getCACertificates?: (kind: 'default' | 'system') => string[] }).getCACertificates
    certificates = read ? [...new Set([...read('default'), ...read('system')])] : null
  }
  return certificates ?? undefined
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
  // Which status arrived before a failure: a 200 whose body is lost was still charged.
  let status: number | undefined
  const started = performance.now()
  // The learnt deadline applies until the status arrives, and may shrink meanwhile as other answers
  // teach it, so it is looked at again every second; the body then gets the full timeout.
  const limit = (): number => (status === undefined && req.answerDeadline ? Math.min(req.timeoutMs, req.answerDeadline.limitMs) : req.timeoutMs)
  let timedOutAfter: number | undefined
  let timer: NodeJS.Timeout | undefined
  const watch = (): void => {
    const left = limit() - (performance.now() - started)
    if (left <= 0) {
      timedOutAfter = limit()
      return controller.abort()
    }
    timer = setTimeout(watch, req.answerDeadline ? Math.min(left, 1000) : left)
  }
  watch()
  const signal = controller.signal
  try {
    const response = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body as Dispatcher.RequestOptions['body'],
      signal,
      dispatcher: req.onSent ? noticingSent(dispatcher, req.onSent) : dispatcher,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs
    })
    status = response.statusCode
    if (status === 200) req.answerDeadline?.observe(performance.now() - started)
    const max = status === 200 ? (req.maxBodyBytes ?? MAX_ANSWER_BYTES) : MAX_ERROR_BYTES
    const body = await readAtMost(response.body, max)
    if (body.length > max && status === 200) {
      controller.abort()
      throw new JobError('charged-without-result', `${provider} answered with more than ${megabytes(max)} for this photo (it may have charged for it); the answer was not kept and the photo is not sent again`, { status, paid: true })
    }
    return { status, headers: headerMap(response.headers), body: body.subarray(0, max) }
  } catch (error) {
    if (isJobError(error) && error.kind === 'charged-without-result') throw error
    if (req.signal.aborted) throw new JobError('cancelled', 'Cancelled')
    const details = status === undefined ? {} : { status, paid: status === 200 }
    const during = status === 200 ? ' while sending the result' : ''
    if (timedOutAfter !== undefined) {
      const usual = req.answerDeadline?.usualMs
      const why = status === undefined && usual !== undefined && timedOutAfter < req.timeoutMs ? ` (its answers usually take ${seconds(usual)})` : ''
      throw new JobError('retryable', `${provider} did not answer within ${seconds(timedOutAfter)}${during}${why}`, details)
    }
    const code = (error as { code?: string }).code
    throw new JobError('retryable', `The connection to ${provider} failed${during}${code ? ` (${code})` : ''}`, details)
  } finally {
    clearTimeout(timer)
    req.signal.removeEventListener('abort', cancel)
  }
}

/**
 * Reads a body up to `max` bytes and one byte more, so a caller can tell "too big" without holding
 * more than that; the rest is dropped, and the connection with it.
 */
async function readAtMost(body: Dispatcher.ResponseData['body'], max: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk)
    length += chunk.length
    if (length > max) {
      body.destroy()
      break
    }
  }
  return Buffer.concat(chunks, length)
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

/**
 * A count the provider reports (credits left): a finite number at or above zero, given as a number or
 * a numeric string; none at all is none left. Anything else (`1e400`, a word) is a provider answer we cannot read.
 */
export function countFrom(value: unknown, provider: string, what: string): number {
  if (value === undefined || value === null) return 0
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  if (!Number.isFinite(number) || number < 0) throw new JobError('retryable', `${provider} reported its ${what} as ${printable(String(value)).slice(0, 40)}, which is not a count`)
  return number
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

/**
 * A paid answer's bytes as a result: they must be an image, and its extension comes from the bytes,
 * never from a header or the parameters sent. Anything else was charged but is no result.
 */
export function imageOutput(bytes: Buffer, provider: string): ProviderOutput {
  const format = sniffImageFormat(bytes)
  if (!format) throw new JobError('charged-without-result', `${provider} answered with something that is not an image (${bytes.length} bytes; it may have charged for it); it was not kept and the photo is not sent again`)
  return { bytes, extension: FORMATS[format].extension }
}
