import { isDeepStrictEqual } from 'node:util'
import type { OperationSchema, ParamValues } from '../../shared/operations'
import { findDescriptor } from '../../shared/operations/common'

/** Values the providers document as meaning the same thing, per operation and parameter. */
const SYNONYMS: Record<string, Record<string, Record<string, unknown>>> = {
  'photoroom.edit': { 'export.format': { jpg: 'jpeg' } }
}

/** Options that change how the answer is delivered, not what is bought. */
const DELIVERY_ONLY: Record<string, readonly string[]> = {
  'phota.edit': ['response_mode']
}

/** Defaults documented in prose only (model headers carry no schema default). */
const HEADER_DEFAULTS: Record<string, Record<string, unknown>> = {
  'photoroom.edit': { 'pr-ai-background-model-version': '3' }
}

/**
 * The parameters as a purchase: each value read as its schema's type ("0.1" → 0.1), documented
 * synonyms merged, explicit defaults dropped (a default is the same as leaving it out) and
 * delivery-only options left out. Two sets that buy the same image give the same result.
 */
export function canonicalParams(operation: OperationSchema, values: ParamValues): ParamValues {
  const canonical: ParamValues = {}
  for (const [name, raw] of Object.entries(values)) {
    if (DELIVERY_ONLY[operation.id]?.includes(name)) continue
    const descriptor = findDescriptor(operation.params, name)?.descriptor
    const typed = typeof raw === 'string' && descriptor && descriptor.kind !== 'string' ? operation.parseValue(name, raw) : raw
    const value = same(operation.id, name, typed)
    const fallback = descriptor?.default ?? HEADER_DEFAULTS[operation.id]?.[name]
    if (value === undefined || (fallback !== undefined && isDeepStrictEqual(value, same(operation.id, name, fallback)))) continue
    canonical[name] = value
  }
  return canonical
}

function same(operation: string, name: string, value: unknown): unknown {
  const synonyms = SYNONYMS[operation]?.[name]
  return typeof value === 'string' && synonyms && Object.hasOwn(synonyms, value) ? synonyms[value] : value
}
