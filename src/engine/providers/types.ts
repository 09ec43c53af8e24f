import type { Balance as SharedBalance } from '../../shared/account'
import type { ImageFormat } from '../../shared/images/formats'
import type { ParamValues } from '../../shared/operations'
import type { AnswerDeadline } from './http'
import type { ProviderId, ProviderOperation, ProviderUrls } from './registry'

/** The image as it will be uploaded: straight from disk, or re-encoded upright when EXIF said to rotate. */
export interface UploadImage {
  name: string
  format: ImageFormat
  /** The bytes sent: the photo's own, or the upright re-encode; read before the request's turn. */
  bytes: Uint8Array
}

export interface ProviderRequest {
  operation: ProviderOperation
  values: ParamValues
  image: UploadImage
  /** The photo's web address (the image's bytes are exactly what is there): a provider that takes one fetches it itself. */
  imageUrl?: string
  signal: AbortSignal
  /** How long to wait for the answer; sized per operation. */
  timeoutMs: number
  /** A shorter wait for the answer's status, learnt from this operation's recent answers. */
  answerDeadline?: AnswerDeadline
  /** Told when the request leaves on a connection (the rate gate counts from then). */
  onSent?: () => void
}

export interface ProviderOutput {
  bytes: Buffer
  /** File extension without the dot, from what the provider actually sent. */
  extension: string
}

export interface ProviderResult {
  outputs: ProviderOutput[]
  /** Response facts worth keeping with the result: seeds, scores, request ids. */
  metadata: Record<string, string>
  /** Things the provider accepted but ignored, said in plain words. */
  warnings: string[]
}

export type Balance = SharedBalance<ProviderId>

export interface ProviderClient {
  readonly provider: ProviderId
  run(request: ProviderRequest): Promise<ProviderResult>
  /**
   * One figure per unit the account is billed in (Photoroom has credits and images); with `unit`, at
   * least that one, and a provider may ask for no more: each request takes a turn of the rate limit.
   */
  balances(signal?: AbortSignal, unit?: Balance['unit']): Promise<Balance[]>
  /** For providers whose balance is not asked of the server (Phota): throws a retryable error when its host does not answer. */
  checkReachable?(signal?: AbortSignal): Promise<void>
}

export interface ProviderConfig {
  key: string
  /** Each provider's origins by host name (`urls.photoroom.sdk`), overridable for the simulator. */
  urls: ProviderUrls
}
