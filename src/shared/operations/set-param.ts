import { coerceFormValue } from '../params/form-values'
import type { JsonSchema } from '../params/json-schema'
import { childSchema, isListSchema } from '../params/schema-walk'
import { findDescriptor } from './common'
import type { OperationSchema, ParamValues } from './types'

type Container = Record<string, unknown> | unknown[]

/** Puts the value at `path` inside `root`, making objects, or lists where the schema says the step is a list; text is read as the leaf schema's type. */
function place(root: Container, schema: JsonSchema | undefined, path: string[], value: unknown): void {
  let node: Container = root
  let nodeSchema = schema
  for (const [i, key] of path.entries()) {
    const next = childSchema(nodeSchema, key)
    const slot = Array.isArray(node) ? Number(key) : key
    const target = node as Record<string | number, unknown>
    if (i === path.length - 1) {
      target[slot] = next && typeof value === 'string' ? coerceFormValue(next, value) : value
      return
    }
    const existing = target[slot]
    if (typeof existing !== 'object' || existing === null) target[slot] = isListSchema(next) ? [] : {}
    node = target[slot] as Container
    nodeSchema = next
  }
}

/**
 * `name=raw` as the API reads it: a documented name is read by its schema ("0.1" → 0.1); a dotted name
 * into an object or list parameter (`background.expandPrompt.mode=ai.never`,
 * `virtualModel.additionalProductImages.0.imageFile=back.jpg`) is placed inside it. Returns the new values;
 * unknown names are left to the validator.
 */
export function setParam(operation: OperationSchema, values: ParamValues, name: string, raw: string): ParamValues {
  const found = findDescriptor(operation.params, name)
  if (!found || !found.path.length) return { ...values, [name]: operation.parseValue(name, raw) }
  return placeInside(values, found.descriptor.name, found.descriptor.schema, found.path, raw)
}

function placeInside(values: ParamValues, parent: string, schema: JsonSchema, path: string[], value: unknown): ParamValues {
  const current = values[parent]
  const root: Container = typeof current === 'object' && current !== null ? structuredClone(current as Container) : isListSchema(schema) ? [] : {}
  place(root, schema, path, value)
  return { ...values, [parent]: root }
}

/**
 * Values written by hand (a preset or `--params` file) may spell a nested field flat, as the command
 * line does (`"background.expandPrompt.mode": "ai.never"`): each such name goes inside its parameter.
 */
export function nestDotted(operation: OperationSchema, values: ParamValues): ParamValues {
  let nested: ParamValues = {}
  for (const [name, value] of Object.entries(values)) {
    const found = findDescriptor(operation.params, name)
    nested = found?.path.length ? placeInside(nested, found.descriptor.name, found.descriptor.schema, found.path, value) : { ...nested, [name]: value }
  }
  return nested
}
