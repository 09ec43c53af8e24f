import { isDeepStrictEqual } from 'node:util'
import type { OperationSchema, ParamValues } from '../../shared/operations'
import { findDescriptor } from '../../shared/operations/common'
import { mapFiles, ParamFile } from '../providers/param-files'

/**
 * The parameters as a purchase: each value read as its schema's type ("0.1" → 0.1), documented
 * synonyms merged, explicit defaults dropped (a default is the same as leaving it out), delivery-only
 * options left out, and each extra file named by its bytes' hash (not its path). Two sets that buy the
 * same image give the same result. What counts is the provider's to say (`operation.purchase`).
 */
export function canonicalParams(operation: OperationSchema, values: ParamValues): ParamValues {
  const { synonyms = {}, deliveryOnly = [], defaults = {} } = operation.purchase
  const same = (name: string, value: unknown): unknown => {
    const table = synonyms[name]
    return typeof value === 'string' && table && Object.hasOwn(table, value) ? table[value] : value
  }
  const canonical: ParamValues = {}
  for (const [name, raw] of Object.entries(mapFiles(operation, values, (leaf) => (leaf instanceof ParamFile ? { sha256: leaf.sha256 } : leaf)))) {
    if (deliveryOnly.includes(name)) continue
    const descriptor = findDescriptor(operation.params, name)?.descriptor
    const typed = typeof raw === 'string' && descriptor && descriptor.kind !== 'string' && descriptor.kind !== 'file' ? operation.parseValue(name, raw) : raw
    const value = same(name, typed)
    const fallback = descriptor?.default ?? defaults[name]
    if (value === undefined || (fallback !== undefined && isDeepStrictEqual(value, same(name, fallback)))) continue
    canonical[name] = value
  }
  return canonical
}
