import type { Dispatcher } from 'undici'
import { splitHeaders } from './operations/edit'
import type { JobError } from '../../errors'
import { chargedWithoutResult } from '../download'
import { countFrom, imageOutput, parseJson, send, type HttpResponse } from '../http'
import { withPhoto } from '../multipart'
import { printable } from '../../../shared/printable'
import type { ResultHeaders } from '../result-facts'
import type { Balance, ProviderClient, ProviderConfig, ProviderRequest, ProviderResult } from '../types'
import { editByUrl } from './edit-by-url'
import { photoroomError } from './errors'
import { photoroomEditParams, photoroomSegmentParams } from './params/openapi'
import { photoroomEditPresentation } from './presentation/edit'
import { photoroomRemoveBackgroundPresentation } from './presentation/remove-background'
import { isSandboxKey } from './sandbox-key'

/**
 * Response headers kept with each result, and what each is: the OpenAPI document's 200 headers
 * (`pr-unsupported-attributes` becomes a warning instead) and the edit-further link (api-notes).
 */
export const PHOTOROOM_RESULT_HEADERS: ResultHeaders = {
  'x-uncertainty-score': 'uncertaintyScore',
  'pr-ai-background-seed': 'aiBackgroundSeed',
  'pr-texts-detected': 'textsDetected',
  'pr-edit-further-url': 'editFurtherUrl'
}

/** An account endpoint's figures: what is left, and what the plan gives each month. */
interface Counts {
  available?: unknown
  subscription?: unknown
}

const edit = { params: photoroomEditParams, label: (name: string): string => photoroomEditPresentation[name]?.label ?? name }
const segment = { params: photoroomSegmentParams, label: (name: string): string => photoroomRemoveBackgroundPresentation[name]?.label ?? name }

export class PhotoroomClient implements ProviderClient {
  readonly provider = 'photoroom' as const

  constructor(
    private readonly config: ProviderConfig,
    private readonly dispatcher: Dispatcher
  ) {}

  private error(response: HttpResponse, which: typeof edit): JobError {
    return photoroomError(response, { ...which, sandbox: isSandboxKey(this.config.key) })
  }

  async run({ operation, values, image, imageUrl, signal, timeoutMs, answerDeadline, onSent }: ProviderRequest): Promise<ProviderResult> {
    const isEdit = operation.operation === 'edit'
    const { body, headers } = isEdit ? splitHeaders(values) : { body: values, headers: {} }
    const common = { headers: { 'x-api-key': this.config.key, accept: 'image/*', ...headers }, signal, timeoutMs, answerDeadline, onSent }
    // A photo by address goes by address where the API takes one (GET /v2/edit), else as the file.
    const byUrl = isEdit && imageUrl ? editByUrl(this.config.urls.photoroom.api, imageUrl, body) : null
    const url = isEdit ? `${this.config.urls.photoroom.api}/v2/edit` : `${this.config.urls.photoroom.sdk}/v1/segment`
    const response = await send(this.dispatcher, byUrl ? { method: 'GET', url: byUrl, ...common } : { method: 'POST', url, ...common, ...withPhoto(isEdit ? 'imageFile' : 'image_file', image, body, common.headers) }, 'Photoroom')
    if (response.status !== 200) throw this.error(response, isEdit ? edit : segment)

    const contentType = response.headers['content-type'] ?? ''
    let bytes = response.body
    if (contentType.includes('application/json')) {
      const json = parseJson(response.body) as { base64img?: string } | undefined
      bytes = Buffer.from(json?.base64img ?? '', 'base64')
    }
    if (!bytes.length) throw chargedWithoutResult('Photoroom', 'an image')
    const metadata = Object.fromEntries(Object.keys(PHOTOROOM_RESULT_HEADERS).flatMap((h) => (response.headers[h] ? [[h, response.headers[h] as string]] : [])))
    const unsupported = response.headers['pr-unsupported-attributes']
    return {
      outputs: [imageOutput(bytes, 'Photoroom')],
      metadata,
      warnings: unsupported ? [`Photoroom ignored some parameters (${unsupported.replace(/^Unsupported attributes:\s*/i, '')})`] : []
    }
  }

  /** Credits are read from /v1/account, images from /v2/account; a run's check reads only the unit it spends. */
  async balances(signal: AbortSignal = new AbortController().signal, unit?: Balance['unit']): Promise<Balance[]> {
    const get = async <T>(path: string): Promise<T | undefined> => {
      const response = await send(
        this.dispatcher,
        { method: 'GET', url: `${this.config.urls.photoroom.api}${path}`, headers: { 'x-api-key': this.config.key }, signal, timeoutMs: 15_000 },
        'Photoroom'
      )
      if (response.status !== 200) throw this.error(response, edit)
      return parseJson(response.body) as T | undefined
    }
    // A sandbox key's plan is on /v2/account: without it a sandbox reading would pass for the live balance
    // (a team worker checks a sandbox key with the background removal, which spends credits).
    const wants = (u: Balance['unit']): boolean => unit === undefined || unit === u || (u === 'images' && isSandboxKey(this.config.key))
    const [v1, v2] = await Promise.all([
      wants('credits') ? get<{ credits?: Counts }>('/v1/account') : undefined,
      wants('images') ? get<{ images?: Counts; plan?: unknown }>('/v2/account') : undefined
    ])
    const plan = typeof v2?.plan === 'string' && v2.plan ? { plan: printable(v2.plan).slice(0, 60) } : {}
    const balance = (of: 'credits' | 'images', counts: Counts | undefined): Balance => ({
      provider: 'photoroom',
      unit: of,
      source: 'provider',
      available: countFrom(counts?.available, 'Photoroom', `${of} available`),
      ...(counts?.subscription !== undefined ? { subscription: countFrom(counts.subscription, 'Photoroom', `${of} a month`) } : {}),
      ...plan
    })
    return [...(wants('credits') ? [balance('credits', v1?.credits)] : []), ...(wants('images') ? [balance('images', v2?.images)] : [])]
  }
}
