import type { Dispatcher } from 'undici'
import type { SpendLedger } from '../../purchases/spend-ledger'
import { chargedWithoutResult, downloadResult, type ResultLinks } from '../download'
import { imageOutput, parseJson, send } from '../http'
import { photaError } from './errors'
import type { Balance, ProviderClient, ProviderConfig, ProviderRequest, ProviderResult, UploadImage } from '../types'

/** Phota documents no host for its signed download links: only its own domain is trusted. */
const RESULT_HOSTS = ['.photalabs.com']

/** Bytes turned into base64 this many at a time (a multiple of 3, so the pieces join into one string). */
const BASE64_PIECE = 3 * 1024 * 1024

/** The JSON body, with the image turned into base64 a piece at a time as it is sent, never as one string. */
async function* editBody(image: UploadImage, fields: Record<string, unknown>): AsyncGenerator<Uint8Array> {
  yield Buffer.from('{"images":["')
  const bytes = Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength)
  for (let at = 0; at < bytes.length; at += BASE64_PIECE) yield Buffer.from(bytes.subarray(at, at + BASE64_PIECE).toString('base64'))
  yield Buffer.from(`"],${JSON.stringify(fields).slice(1)}`)
}

export class PhotaClient implements ProviderClient {
  readonly provider = 'phota' as const

  private readonly resultLinks: ResultLinks

  constructor(
    private readonly config: ProviderConfig,
    private readonly dispatcher: Dispatcher,
    private readonly ledger: SpendLedger
  ) {
    this.resultLinks = { origins: Object.values(config.urls.phota), hosts: RESULT_HOSTS }
  }

  async run({ values, image, imageUrl, signal, timeoutMs, answerDeadline, onSent }: ProviderRequest): Promise<ProviderResult> {
    const response = await send(
      this.dispatcher,
      {
        method: 'POST',
        url: `${this.config.urls.phota.api}/v1/phota/edit`,
        headers: { 'x-api-key': this.config.key, 'content-type': 'application/json' },
        // A photo by address is one of the image URLs Phota takes; otherwise its bytes as base64.
        body: imageUrl ? JSON.stringify({ images: [imageUrl], ...values }) : editBody(image, values),
        signal,
        timeoutMs,
        answerDeadline,
        onSent
      },
      'Phota'
    )
    if (response.status !== 200) throw photaError(response)
    const body = parseJson(response.body) as { images?: unknown[]; download_urls?: unknown[] } | undefined
    const images = (body?.images ?? []).map((b64) => Buffer.from(typeof b64 === 'string' ? b64 : '', 'base64'))
    if (images.some((bytes) => !bytes.length)) throw chargedWithoutResult('Phota', 'images')
    let outputs: ProviderResult['outputs'] = images.map((bytes) => imageOutput(bytes, 'Phota'))
    if (!outputs.length && body?.download_urls?.length) {
      outputs = []
      for (const url of body.download_urls) outputs.push(await downloadResult(this.dispatcher, String(url), 'Phota', this.resultLinks, signal, timeoutMs))
    }
    if (!outputs.length) throw chargedWithoutResult('Phota', 'images')
    const requestId = response.headers['x-request-id']
    return { outputs, metadata: requestId ? { 'x-request-id': requestId } : {}, warnings: [] }
  }

  /** Any HTTP answer from the host will do: it is there. */
  async checkReachable(signal: AbortSignal = new AbortController().signal): Promise<void> {
    await send(this.dispatcher, { method: 'GET', url: `${this.config.urls.phota.api}/`, headers: {}, signal, timeoutMs: 15_000 }, 'Phota')
  }

  async balances(): Promise<Balance[]> {
    return [{ provider: 'phota', unit: 'credits', source: 'spent-locally', spent: await this.ledger.total('phota') }]
  }
}
