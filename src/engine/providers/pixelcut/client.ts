import type { Dispatcher } from 'undici'
import { withPhoto } from '../multipart'
import { pixelcutBody } from './operations/remove-background'
import { pixelcutRemoveBackgroundPresentation } from './presentation/remove-background'
import { JobError } from '../../errors'
import { chargedWithoutResult, downloadResult, type ResultLinks } from '../download'
import { countFrom, imageOutput, parseJson, rateLimitDetails, send, statusKind, type HttpResponse } from '../http'
import type { Balance, ProviderClient, ProviderConfig, ProviderRequest, ProviderResult } from '../types'

/** Seed 003: result links are on Pixelcut's asset host. */
const RESULT_HOSTS = ['assets.pixelcut.app', '.pixelcut.app', '.pixelcut.ai']

const INPUT_CODES = new Set(['malformed_image', 'unsupported_image_format', 'file_size_too_large', 'resolution_too_high', 'unknown_foreground'])
const INPUT_MESSAGES: Record<string, string> = {
  unknown_foreground: 'Pixelcut found no subject to cut out in this photo',
  malformed_image: 'Pixelcut could not decode this image',
  unsupported_image_format: 'Pixelcut does not support this image format',
  file_size_too_large: 'the file is larger than Pixelcut accepts (25 MB)',
  resolution_too_high: 'the image is larger than Pixelcut accepts (6000x6000 px)'
}

const PARAMS = Object.keys(pixelcutRemoveBackgroundPresentation)

/** Pixelcut's errors: `{error, error_code}`; credits are 403, not 402. */
export function pixelcutError(response: HttpResponse): JobError {
  const body = parseJson(response.body) as { error?: string; error_code?: string } | undefined
  const code = body?.error_code ?? ''
  if (code === 'insufficient_api_credits') return new JobError('credits', 'Pixelcut credits are used up. Top up your Pixelcut account, then resume.', { status: response.status })
  if (code === 'invalid_auth_token' || response.status === 401) return new JobError('auth', 'Pixelcut rejected the API key.', { status: response.status })
  // Seed 003: 403 is "Returned when you have insufficient credits", with or without its error_code.
  if (response.status === 403) return new JobError('credits', 'Pixelcut credits are used up. Top up your Pixelcut account, then resume.', { status: 403 })
  if (INPUT_CODES.has(code)) return new JobError('unsupported-input', INPUT_MESSAGES[code] ?? String(body?.error), { status: response.status })
  const kind = statusKind(response.status)
  if (kind === 'retryable') {
    return new JobError('retryable', response.status === 429 ? 'Pixelcut asked us to slow down' : `Pixelcut had a temporary problem (${response.status})`, rateLimitDetails(response))
  }
  const text = body?.error ?? `HTTP ${response.status}`
  const param = PARAMS.filter((p) => new RegExp(`(^|[^\\w.])${p.replace(/\./g, '\\.')}($|[^\\w.])`).test(text)).sort((a, b) => b.length - a.length)[0]
  if (param) return new JobError('invalid-request', `Pixelcut refused ${pixelcutRemoveBackgroundPresentation[param]?.label ?? param} (${param}): ${text}`, { status: response.status, param })
  return new JobError('invalid-request', `Pixelcut refused the request: ${text}`, { status: response.status })
}

/** A photo by address as JSON `{image_url, …}`; else multipart with the image, where Pixelcut reads crop and shadow as JSON values. */
function requestBody(values: ProviderRequest['values'], image: ProviderRequest['image'], imageUrl: string | undefined, headers: Record<string, string>): { headers: Record<string, string>; body: string | Buffer } {
  if (imageUrl) return { headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ image_url: imageUrl, ...pixelcutBody(values) }) }
  const fields = Object.entries(pixelcutBody(values)).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)])
  return withPhoto('image', image, Object.fromEntries(fields) as Record<string, string>, headers)
}

export class PixelcutClient implements ProviderClient {
  readonly provider = 'pixelcut' as const

  private readonly resultLinks: ResultLinks

  constructor(
    private readonly config: ProviderConfig,
    private readonly dispatcher: Dispatcher
  ) {
    this.resultLinks = { origins: Object.values(config.urls.pixelcut), hosts: RESULT_HOSTS }
  }

  async run({ values, image, imageUrl, signal, timeoutMs, answerDeadline, onSent }: ProviderRequest): Promise<ProviderResult> {
    const headers = { 'x-api-key': this.config.key, accept: 'application/json' }
    const response = await send(
      this.dispatcher,
      // A link rather than the image: a lost download is fetched again from it, never bought again.
      { method: 'POST', url: `${this.config.urls.pixelcut.api}/v1/remove-background`, ...requestBody(values, image, imageUrl, headers), signal, timeoutMs, answerDeadline, onSent },
      'Pixelcut'
    )
    if (response.status !== 200) throw pixelcutError(response)
    if ((response.headers['content-type'] ?? '').startsWith('image/') && response.body.length) return { outputs: [imageOutput(response.body, 'Pixelcut')], metadata: {}, warnings: [] }
    const url = (parseJson(response.body) as { result_url?: string } | undefined)?.result_url
    if (typeof url !== 'string' || !url) throw chargedWithoutResult('Pixelcut', 'a result link')
    // The link expires in an hour: fetch it now.
    const output = await downloadResult(this.dispatcher, url, 'Pixelcut', this.resultLinks, signal, timeoutMs)
    return { outputs: [output], metadata: { 'result-url': url }, warnings: [] }
  }

  async balances(signal: AbortSignal = new AbortController().signal): Promise<Balance[]> {
    const response = await send(
      this.dispatcher,
      { method: 'GET', url: `${this.config.urls.pixelcut.api}/v1/credits`, headers: { 'x-api-key': this.config.key }, signal, timeoutMs: 15_000 },
      'Pixelcut'
    )
    if (response.status !== 200) throw pixelcutError(response)
    const body = parseJson(response.body) as { credits_remaining?: unknown } | undefined
    return [{ provider: 'pixelcut', available: countFrom(body?.credits_remaining, 'Pixelcut', 'credits remaining'), unit: 'credits', source: 'provider' }]
  }
}
