import type { JsonSchema } from './json-schema'

/**
 * Finding the files inside a parameter's value by its JSON Schema: a file is any leaf the document
 * types `format: binary` (`virtualModel.model` → `custom.imageFile`, a list's `….0.imageFile`).
 */

const branches = (schema: JsonSchema): JsonSchema[] => (schema['anyOf'] as JsonSchema[] | undefined) ?? [schema]

export function isFileSchema(schema: JsonSchema | undefined): boolean {
  return !!schema && branches(schema).some((b) => b['format'] === 'binary')
}

/** The schema one step into an object or list, from whichever branch of an anyOf has the step. */
export function childSchema(schema: JsonSchema | undefined, key: string | number): JsonSchema | undefined {
  for (const branch of schema ? branches(schema) : []) {
    const items = branch['items'] as JsonSchema | undefined
    if (typeof key === 'number' || /^\d+$/.test(key)) {
      if (items) return items
      continue
    }
    const properties = branch['properties'] as Record<string, JsonSchema> | undefined
    const found = properties?.[key] ?? (typeof branch['additionalProperties'] === 'object' ? (branch['additionalProperties'] as JsonSchema) : undefined)
    if (found) return found
  }
  return undefined
}

/** Whether the schema (or a branch of it) is a list. */
export function isListSchema(schema: JsonSchema | undefined): boolean {
  return !!schema && branches(schema).some((b) => b['type'] === 'array')
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype

/** A copy of the value with each file leaf replaced by what `replace` gives for it (its place: `custom.imageFile`, `0.imageFile`). */
export function replaceFiles(schema: JsonSchema, value: unknown, replace: (leaf: unknown, path: (string | number)[]) => unknown, path: (string | number)[] = []): unknown {
  if (Array.isArray(value)) return value.map((item, i) => replaceFiles(childSchema(schema, i) ?? {}, item, replace, [...path, i]))
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceFiles(childSchema(schema, key) ?? {}, item, replace, [...path, key])]))
  return isFileSchema(schema) ? replace(value, path) : value
}

/** Every file leaf in a value, with its place in it. */
export function fileLeaves(schema: JsonSchema, value: unknown): { path: (string | number)[]; value: unknown }[] {
  const found: { path: (string | number)[]; value: unknown }[] = []
  replaceFiles(schema, value, (leaf, path) => found.push({ path, value: leaf }))
  return found
}
