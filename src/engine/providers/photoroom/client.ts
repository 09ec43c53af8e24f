import type { Dispatcher } from 'undici'
import { FormData } from 'undici'
import { splitHeaders } from './operations/edit'
import { JobError } from '../../errors'
import { chargedWithoutResult } from '../download'
import { countFrom, imageOutput, parseJson, rateLimitDetails, send, statusKind, type HttpResponse } from '../http'
import { appendFields, uploadName } from '../multipart'
import type { Balance, ProviderClient, ProviderConfig, ProviderRequest, ProviderResult } from '../types'

const KEPT_HEADERS = ['x-uncertainty-score', 'pr-ai-background-seed', 'pr-texts-detected', 'pr-edit-further-url']

/** Photoroom's errors: `{error: {message}}`, `{error: {detail}}` or `{detail, type}` depending on host and status. */
function message(response: HttpResponse): string {
  const body = parseJson(response.body) as { error?: { message?: string; detail?: string }; detail?: string; message?: string } | undefined
  return body?.error?.message ?? body?.error?.detail ?? body?.detail ?? body?.message ?? `HTTP ${response.status}`
}

export function photoroomError(response: HttpResponse): JobError {
  const kind = statusKind(response.status) ?? 'invalid-request'
  const text = message(response)
  switch (kind) {
    case 'auth':
      // A 403 about sandbox use is about the endpoint, not the key: the key works elsewhere.
      if (/sandbox/i.test(text)) return new JobError('invalid-request', `Photoroom refused the request: ${text}`, { status: response.status })
      return new JobError('auth', 'Photoroom rejected the API key (a sandbox key starts with "sandbox_").', { status: response.status })
    case 'credits':
      return new JobError('credits', /sandbox/i.test(text) ? `Photoroom sandbox quota reached: ${text}` : 'Photoroom credits are used up. Top up your Photoroom account, then resume.', { status: 402 })
    case 'retryable':
      return new JobError('retryable', response.status === 429 ? 'Photoroom asked us to slow down' : `Photoroom had a temporary problem (${response.status})`, rateLimitDetails(response))
    default:
      return new JobError(/image|format|decode|resolution|large/i.test(text) ? 'unsupported-input' : 'invalid-request', `Photoroom refused the request: ${text}`, { status: response.status })
  }
}

export class PhotoroomClient implements ProviderClient {
  readonly provider = 'photoroom' as const

  constructor(
    private readonly config: ProviderConfig,
    private readonly dispatcher: Dispatcher
  ) {}

  async run({ operation, values, image, signal, timeoutMs, answerDeadline }: ProviderRequest): Promise<ProviderResult> {
    const edit = operation.operation === 'edit'
    const { body, headers } = edit ? splitHeaders(values) : { body: values, headers: {} }
    const form = new FormData()
    form.append(edit ? 'imageFile' : 'image_file', image.body, uploadName(image.name))
    appendFields(form, body)
    const response = await send(
      this.dispatcher,
      {
        method: 'POST',
        url: edit ? `${this.config.urls.photoroom.api}/v2/edit` : `${this.config.urls.photoroom.sdk}/v1/segment`,
        headers: { 'x-api-key': this.config.key, accept: 'image/*, application/json', ...headers },
        body: form,
        signal,
        timeoutMs,
        answerDeadline
      },
      'Photoroom'
    )
    if (response.status !== 200) throw photoroomError(response)

    const contentType = response.headers['content-type'] ?? ''
    let bytes = response.body
    if (contentType.includes('application/json')) {
      const json = parseJson(response.body) as { base64img?: string } | undefined
      bytes = Buffer.from(json?.base64img ?? '', 'base64')
    }
    if (!bytes.length) throw chargedWithoutResult('Photoroom', 'an image')
    const metadata = Object.fromEntries(KEPT_HEADERS.flatMap((h) => (response.headers[h] ? [[h, response.headers[h] as string]] : [])))
    const unsupported = response.headers['pr-unsupported-attributes']
    return {
      outputs: [imageOutput(bytes, 'Photoroom')],
      metadata,
      warnings: unsupported ? [`Photoroom ignored some parameters (${unsupported.replace(/^Unsupported attributes:\s*/i, '')})`] : []
    }
  }

  async balances(signal: AbortSignal = new AbortController().signal): Promise<Balance[]> {
    const get = async (path: string): Promise<unknown> => {
      const response = await send(
        this.dispatcher,
        { method: 'GET', url: `${this.config.urls.photoroom.api}${path}`, headers: { 'x-api-key': this.config.key }, signal, timeoutMs: 15_000 },
        'Photoroom'
      )
      if (response.status !== 200) throw photoroomError(response)
      return parseJson(response.body)
    }
    const [v1, v2] = (await Promise.all([get('/v1/account'), get('/v2/account')])) as [
      { credits?: { available?: unknown } } | undefined,
      { images?: { available?: unknown } } | undefined
    ]
    return [
      { provider: 'photoroom', available: countFrom(v1?.credits?.available, 'Photoroom', 'credits available'), unit: 'credits', source: 'provider' },
      { provider: 'photoroom', available: countFrom(v2?.images?.available, 'Photoroom', 'images available'), unit: 'images', source: 'provider' }
    ]
  }
}
