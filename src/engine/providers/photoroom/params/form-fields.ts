import { coerceFormValue, numeric } from '../../../../shared/params/form-values'
import { findParam, type SpecParam } from './openapi'

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) {
    const next = node[key]
    if (typeof next !== 'object' || next === null) node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1] as string] = value
}

export interface AssembledFields {
  /** Values keyed by the spec's parameter name, typed per its schema. */
  values: Record<string, unknown>
  /** Field names that match no documented parameter. */
  unknown: string[]
}

/**
 * Groups flat dotted fields into the spec's parameters. An object-valued parameter such as
 * `virtualModel.model` arrives as `virtualModel.model.preset.name=avery` and is rebuilt as an object.
 */
export function assembleFields(params: readonly SpecParam[], fields: Record<string, string>): AssembledFields {
  const values: Record<string, unknown> = {}
  const unknown: string[] = []
  for (const [field, raw] of Object.entries(fields)) {
    const exact = findParam(params, field)
    if (exact) {
      values[field] = coerceFormValue(exact.schema, raw)
      continue
    }
    const parent = params
      .filter((p) => field.startsWith(`${p.name}.`))
      .sort((a, b) => b.name.length - a.name.length)[0]
    if (!parent) {
      unknown.push(field)
      continue
    }
    const rest = field.slice(parent.name.length + 1).split('.')
    const current = values[parent.name]
    const container = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {}
    setPath(container, rest, coerceLeaf(raw))
    values[parent.name] = container
  }
  return { values, unknown }
}

function coerceLeaf(raw: string): unknown {
  if (raw === 'true' || raw === 'false') return raw === 'true'
  return numeric.test(raw.trim()) ? Number(raw) : raw
}
