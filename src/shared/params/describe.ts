import type { JsonSchema } from './json-schema'
import { fallbackLabel, type FieldPresentation, type OperationPresentation, type ParamGroup } from './presentation'

export type ParamKind = 'enum' | 'number' | 'integer' | 'boolean' | 'string' | 'number-or-string' | 'number-or-enum' | 'object' | 'list' | 'file'

/** What a form, the CLI and the validator need to know about one parameter. */
export interface ParamDescriptor extends Omit<FieldPresentation, 'common'> {
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
  /** A list's bounds (`virtualModel.additionalProductImages`: 1 to 4). */
  minItems?: number
  maxItems?: number
  /** The API's own documentation, one line, plain text. */
  description: string
  group: ParamGroup
  /** Shown at the top of its section; the rest are under "More". */
  common: boolean
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

/**
 * A descriptor from a parameter's JSON Schema; constraints are read, never retyped. Its words are the
 * API's until `present` gives it the operation's presentation.
 */
export function describe(name: string, schema: JsonSchema, description = String(schema['description'] ?? '')): ParamDescriptor {
  const exclusive = typeof schema['exclusiveMinimum'] === 'number'
  const minimum = (exclusive ? schema['exclusiveMinimum'] : schema['minimum']) as number | undefined
  const number = (key: string): number | undefined => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined)
  return defined({
    name,
    ...kindOf(schema),
    minimum,
    exclusiveMinimum: exclusive || undefined,
    maximum: number('maximum'),
    pattern: typeof schema['pattern'] === 'string' ? schema['pattern'] : undefined,
    ...('default' in schema ? { default: schema['default'] } : {}),
    minItems: number('minItems'),
    maxItems: number('maxItems'),
    description: oneLine(description),
    label: fallbackLabel(name),
    help: oneLine(description),
    group: 'Advanced' as const,
    common: false,
    schema
  })
}

/** Leaves out what is not set, so a descriptor says only what is known. */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T
}

/**
 * The operation's parameters in the presentation's order, each with its label, help and section. A
 * parameter the presentation does not name keeps the API's words, at the end, in "Advanced".
 */
export function present(params: readonly ParamDescriptor[], presentation: OperationPresentation): ParamDescriptor[] {
  const order = Object.keys(presentation)
  const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length)
  return [...params]
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map((param) => {
      const shown = presentation[param.name]
      if (!shown) return param
      const { common, ...rest } = shown
      return { ...param, ...rest, common: common ?? false }
    })
}

/** Names of the parameters the presentation does not name: each needs a label before it is shown. */
export function unpresented(params: readonly ParamDescriptor[], presentation: OperationPresentation): string[] {
  return params.filter((p) => !Object.hasOwn(presentation, p.name)).map((p) => p.name)
}

/**
 * Flattens an object schema into dotted leaves, the way users name nested parameters
 * (`shadow.light_source.position.x`). A union of a scalar and an object keeps the object's leaves.
 */
export function flatten(schema: JsonSchema, prefix = ''): ParamDescriptor[] {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>
  return Object.entries(properties).flatMap(([key, child]) => {
    const name = prefix ? `${prefix}.${key}` : key
    const objectBranch = (child['anyOf'] as JsonSchema[] | undefined)?.find((b) => b['type'] === 'object')
    const nested = child['type'] === 'object' ? child : objectBranch
    if (nested?.['properties']) return flatten(nested, name)
    return [describe(name, child)]
  })
}
