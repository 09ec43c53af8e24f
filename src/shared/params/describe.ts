import type { JsonSchema } from './json-schema'

export type ParamKind = 'enum' | 'number' | 'integer' | 'boolean' | 'string' | 'number-or-string' | 'number-or-enum' | 'object' | 'list' | 'file'

/** What a form, the CLI and the validator need to know about one parameter. */
export interface ParamDescriptor {
  /** The API's own (dotted) name. */
  name: string
  kind: ParamKind
  options?: readonly (string | number)[]
  minimum?: number
  maximum?: number
  /** The minimum itself is not allowed. */
  exclusiveMinimum?: boolean
  pattern?: string
  default?: unknown
  /** One line, plain text. */
  description: string
  group: string
  /** Sent as an HTTP header rather than in the body. */
  header?: boolean
  /** The JSON Schema the value must satisfy. */
  schema: JsonSchema
}

/** First sentence of a documentation paragraph, without markdown, as one line. */
export function oneLine(text: string): string {
  const plain = text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  const sentence = /^(.+?[.!?])(\s|$)/.exec(plain)?.[1] ?? plain
  return sentence.length > 160 ? `${sentence.slice(0, 157)}...` : sentence
}

function kindOf(schema: JsonSchema): Pick<ParamDescriptor, 'kind' | 'options'> {
  if (schema['format'] === 'binary') return { kind: 'file' }
  if ('const' in schema) return { kind: 'enum', options: [schema['const'] as string] }
  if (Array.isArray(schema['enum'])) return { kind: 'enum', options: schema['enum'] as string[] }
  const anyOf = schema['anyOf'] as JsonSchema[] | undefined
  if (anyOf) {
    const enums = anyOf.flatMap((b) => (Array.isArray(b['enum']) ? (b['enum'] as string[]) : 'const' in b ? [b['const'] as string] : []))
    const objects = anyOf.some((b) => b['type'] === 'object')
    if (anyOf.some((b) => b['type'] === 'number') && enums.length) return { kind: 'number-or-enum', options: enums }
    if (objects) return { kind: 'object', ...(enums.length ? { options: enums } : {}) }
    if (enums.length) return { kind: 'enum', options: enums }
    if (anyOf.some((b) => b['type'] === 'boolean')) return { kind: 'boolean' }
    return { kind: 'string' }
  }
  const type = schema['type']
  if (Array.isArray(type)) return type.includes('number') ? { kind: 'number-or-string' } : { kind: 'string' }
  switch (type) {
    case 'number':
    case 'integer':
    case 'boolean':
    case 'object':
      return { kind: type }
    case 'array':
      return { kind: 'list' }
    default:
      return { kind: 'string' }
  }
}

/** A descriptor from a parameter's JSON Schema; constraints are read, never retyped. */
export function describe(name: string, schema: JsonSchema, group: string, description = String(schema['description'] ?? '')): ParamDescriptor {
  const exclusive = typeof schema['exclusiveMinimum'] === 'number'
  const minimum = (exclusive ? schema['exclusiveMinimum'] : schema['minimum']) as number | undefined
  return {
    name,
    ...kindOf(schema),
    ...(minimum === undefined ? {} : { minimum }),
    ...(exclusive ? { exclusiveMinimum: true } : {}),
    ...(typeof schema['maximum'] === 'number' ? { maximum: schema['maximum'] } : {}),
    ...(typeof schema['pattern'] === 'string' ? { pattern: schema['pattern'] } : {}),
    ...('default' in schema ? { default: schema['default'] } : {}),
    description: oneLine(description),
    group,
    schema
  }
}

/**
 * Flattens an object schema into dotted leaves, the way users name nested parameters
 * (`shadow.light_source.position.x`). A union of a scalar and an object keeps the object's leaves.
 */
export function flatten(schema: JsonSchema, group: (name: string) => string, prefix = ''): ParamDescriptor[] {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>
  return Object.entries(properties).flatMap(([key, child]) => {
    const name = prefix ? `${prefix}.${key}` : key
    const objectBranch = (child['anyOf'] as JsonSchema[] | undefined)?.find((b) => b['type'] === 'object')
    const nested = child['type'] === 'object' ? child : objectBranch
    if (nested?.['properties']) return flatten(nested, group, name)
    return [describe(name, child, group(name))]
  })
}
