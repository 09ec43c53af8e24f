import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { OperationId, ParamValues } from '../../shared/operations'
import { operationById } from '../providers/registry'
import { canonicalParams } from './canonical-params'

/** Bumped whenever what we upload for the same file changes (e.g. how EXIF rotation is applied). */
const UPLOAD_VERSION = 'upright-1'
/**
 * Bumped whenever what makes two requests the same purchase changes. Keys of older versions are never
 * looked up again, so their results are ignored rather than reused wrongly.
 */
export const KEY_VERSION = 'purchase-2'

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk)
  return hash.digest('hex')
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]))
  }
  return value
}

const digest = (parts: string[]): string => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 40)

/**
 * What is asked for: the input's bytes, the operation and its parameters (model headers included),
 * canonicalised through the operation's schema so that equal requests spelt differently match.
 */
export function jobKey(contentHash: string, operation: OperationId, values: ParamValues): string {
  const schema = operationById(operation)
  const params = schema ? canonicalParams(schema, values) : values
  return digest([UPLOAD_VERSION, contentHash, operation, JSON.stringify(sorted(params))])
}

/** Who it is bought from: a result from one server or one kind of key (sandbox results are watermarked) is no result for another. */
export interface Seller {
  /** The provider's origins (scheme, host and port) in use. */
  origins: readonly string[]
  keyKind: 'sandbox' | 'live'
}

/** The purchase: what is asked for, from whom, under this version of the rules. */
export function purchaseKey(jobKeyOfRequest: string, seller: Seller): string {
  const origins = seller.origins.map((o) => new URL(o).origin).sort()
  return digest([KEY_VERSION, jobKeyOfRequest, ...origins, seller.keyKind])
}
