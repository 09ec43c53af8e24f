import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { OperationId, ParamValues } from '../../shared/operations'

/** Bumped whenever what we upload for the same file changes (e.g. how EXIF rotation is applied). */
const UPLOAD_VERSION = 'upright-1'

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk)
  return hash.digest('hex')
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
  }
  return value
}

/**
 * What makes two requests the same purchase: the input's bytes, the provider and operation, and the
 * parameters (model headers included) in a canonical order.
 */
export function jobKey(contentHash: string, operation: OperationId, values: ParamValues): string {
  return createHash('sha256')
    .update([UPLOAD_VERSION, contentHash, operation, JSON.stringify(canonical(values))].join('\0'))
    .digest('hex')
    .slice(0, 40)
}
