import { check, coerceText, describeViolation, FilePart, type Schema } from '../json-schema'
import { findParam, type Param } from './spec'

/** One multipart field or query parameter as it arrived: text, or (POST only) a file part. */
export interface Field {
  name: string
  value: string | FilePart
}

export interface Assembled {
  /** By documented name (concrete keys for `{key}` names); dotted sub-fields rebuilt into objects and lists. */
  values: Record<string, unknown>
  /** Names matching no documented parameter: the service ignores them and says so in `pr-unsupported-attributes`. */
  unknown: string[]
}

const allowsArray = (schema: Schema | undefined): boolean => !!schema && (schema.type === 'array' || (schema.anyOf ?? []).some((b) => b.type === 'array'))

/** The schema of one step into an object or list, whichever anyOf branch has it. */
function child(schema: Schema | undefined, key: string): Schema | undefined {
  for (const branch of schema?.anyOf ?? (schema ? [schema] : [])) {
    const found = /^\d+$/.test(key) && branch.items ? branch.items : (branch.properties?.[key] ?? (typeof branch.additionalProperties === 'object' ? branch.additionalProperties : undefined))
    if (found) return found
  }
  return undefined
}

const leaf = (schema: Schema | undefined, value: string | FilePart): unknown => (typeof value === 'string' && schema ? coerceText(schema, value) : value)

type Container = Record<string, unknown> | unknown[]

/** Puts `value` at `path` below `root`, making objects, or lists where the schema says the step is a list. */
function place(root: Container, schema: Schema | undefined, path: string[], value: string | FilePart): void {
  let node = root
  let nodeSchema = schema
  for (const [i, key] of path.entries()) {
    const next = child(nodeSchema, key)
    const slot = Array.isArray(node) ? Number(key) : key
    const target = node as Record<string | number, unknown>
    if (i === path.length - 1) {
      target[slot] = leaf(next, value)
      return
    }
    const existing = target[slot]
    if (typeof existing !== 'object' || existing === null) target[slot] = allowsArray(next) ? [] : {}
    node = target[slot] as Container
    nodeSchema = next
  }
}

function setTopLevel(values: Record<string, unknown>, param: Param, name: string, value: string | FilePart): string | null {
  if (allowsArray(param.schema)) {
    const list = (values[name] ??= []) as unknown[]
    if (!Array.isArray(list)) return `${name} was given both as a list and as fields`
    list.push(leaf(param.schema.items ?? child(param.schema, '0'), value))
    return null
  }
  if (name in values) return `${name} was given more than once`
  values[name] = leaf(param.schema, value)
  return null
}

/**
 * Groups flat fields into the document's parameters. An object parameter arrives as dotted leaves
 * (`virtualModel.model.preset.name=avery`), a list as repeated fields or numbered leaves (`….0.imageFile`).
 */
export function assemble(params: readonly Param[], fields: readonly Field[]): Assembled | { problem: string } {
  const values: Record<string, unknown> = {}
  const unknown: string[] = []
  for (const { name, value } of fields) {
    const exact = findParam(params, name)
    if (exact) {
      const problem = setTopLevel(values, exact, name, value)
      if (problem) return { problem }
      continue
    }
    const parent = params.filter((p) => name.startsWith(`${p.name}.`)).sort((a, b) => b.name.length - a.name.length)[0]
    if (!parent) {
      unknown.push(name)
      continue
    }
    const existing = values[parent.name]
    if (existing !== undefined && (typeof existing !== 'object' || existing instanceof FilePart)) return { problem: `${parent.name} was given both as a value and as fields` }
    const root = (values[parent.name] ??= allowsArray(parent.schema) ? [] : {}) as Container
    place(root, parent.schema, name.slice(parent.name.length + 1).split('.'), value)
  }
  return { values, unknown }
}

/** The first parameter whose value breaks its documented schema, in words that name it. */
export function firstViolation(params: readonly Param[], values: Record<string, unknown>): string | null {
  for (const [name, value] of Object.entries(values)) {
    const param = findParam(params, name)
    const violation = param ? check(param.schema, value) : null
    if (violation) return describeViolation(name, violation)
  }
  return null
}
