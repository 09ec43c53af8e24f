import { coerceFormValue } from '../params/form-values'
import type { JsonSchema } from '../params/json-schema'
import { childSchema, isListSchema } from '../params/schema-walk'
import { findDescriptor, spelledColor } from './common'
import type { OperationSchema, ParamValues } from './types'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * `container` with the value put at `path` inside it, a new copy at each step: an object, or a list where
 * the schema says the step is one; text is read as the leaf schema's type.
 */
function placed(container: unknown, schema: JsonSchema | undefined, path: readonly string[], value: unknown): unknown {
  const [key, ...rest] = path
  if (key === undefined) return schema && typeof value === 'string' ? coerceFormValue(schema, value) : value
  const step = childSchema(schema, key)
  if (Array.isArray(container) || (container === undefined && isListSchema(schema))) {
    const list = Array.isArray(container) ? [...(container as unknown[])] : []
    list[Number(key)] = placed(list[Number(key)], step, rest, value)
    return list
  }
  const object = isObject(container) ? { ...container } : {}
  object[key] = placed(object[key], step, rest, value)
  return object
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
  const current = typeof values[parent] === 'object' ? values[parent] : undefined
  return { ...values, [parent]: placed(current, schema, path, value) }
}

/**
 * Values written by hand (a preset or `--params` file) may spell a nested field flat, as the command
 * line does (`"background.expandPrompt.mode": "ai.never"`): each such name goes inside its parameter.
 */
export function nestDotted(operation: OperationSchema, values: ParamValues): ParamValues {
  let nested: ParamValues = {}
  for (const [name, value] of Object.entries(values)) {
    const found = findDescriptor(operation.params, name)
    nested = found?.path.length ? placeInside(nested, found.descriptor.name, found.descriptor.schema, found.path, value) : { ...nested, [name]: spelledColor(operation.rules, name, value) }
  }
  return nested
}
