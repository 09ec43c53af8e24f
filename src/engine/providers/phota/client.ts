import type { Dispatcher } from 'undici'
import type { SpendLedger } from '../../purchases/spend-ledger'
import { chargedWithoutResult, downloadResult, type ResultLinks } from '../download'
import { imageOutput, parseJson, send } from '../http'
import { photaError } from './errors'
import type { Balance, ProviderClient, ProviderConfig, ProviderRequest, ProviderResult, UploadImage } from '../types'

/** Phota documents no host for its signed download links: only its own domain is trusted. */
const RESULT_HOSTS = ['.photalabs.com']

/** The JSON body, with the image streamed as base64 instead of held whole in memory. */
async function* editBody(image: UploadImage, fields: Record<string, unknown>): AsyncGenerator<Uint8Array> {
  yield Buffer.from('{"images":["')
  let carry: Buffer = Buffer.alloc(0)
  for await (const chunk of image.body.stream()) {
    const data = Buffer.concat([carry, chunk])
    const whole = data.length - (data.length % 3)
    yield Buffer.from(data.subarray(0, whole).toString('base64'))
    carry = data.subarray(whole)
  }
  if (carry.length) yield Buffer.from(carry.toString('base64'))
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
