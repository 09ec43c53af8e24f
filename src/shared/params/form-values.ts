import type { JsonSchema } from './json-schema'

function schemaTypes(schema: JsonSchema): Set<string> {
  const types = new Set<string>()
  const visit = (s: JsonSchema): void => {
    const t = s['type']
    if (typeof t === 'string') types.add(t)
    if (Array.isArray(t)) for (const x of t) types.add(String(x))
    if ('const' in s) types.add(typeof s['const'])
    for (const branch of (s['anyOf'] as JsonSchema[] | undefined) ?? []) visit(branch)
  }
  visit(schema)
  return types
}

export const numeric = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/**
 * Multipart and query values are always text; the API reads them as the schema's type.
 * "0.1" becomes a number where a number is allowed, "true" a boolean where a boolean is.
 */
export function coerceFormValue(schema: JsonSchema, raw: string): unknown {
  const types = schemaTypes(schema)
  if (types.has('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true'
  if ((types.has('number') || types.has('integer')) && numeric.test(raw.trim())) return Number(raw)
  if (types.has('array')) return raw.split(',').map((s) => s.trim())
  return raw
}
