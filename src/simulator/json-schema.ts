/** The part of JSON Schema the API documents use for request parameters. */
export interface Schema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minLength?: number
  pattern?: string
  format?: string
  anyOf?: Schema[]
  properties?: Record<string, Schema>
  additionalProperties?: boolean | Schema
  required?: string[]
  items?: Schema
  minItems?: number
  maxItems?: number
  default?: unknown
  description?: string
}

/** The bytes of a multipart file part, told apart from text so a file sent as text can be refused. */
export class FilePart {
  constructor(
    readonly bytes: Buffer,
    readonly filename: string
  ) {}
}

/** Where in a value a problem is (`['preset', 'name']`) and what it is ("must be one of …"). */
export interface Violation {
  path: (string | number)[]
  message: string
}

const NUMERIC = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

const types = (schema: Schema): string[] => (schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type])

/** Whether any branch of `schema` takes values of this JSON type. */
function allows(schema: Schema, type: string): boolean {
  if (types(schema).includes(type)) return true
  return (schema.anyOf ?? []).some((branch) => allows(branch, type))
}

/** A text field read as the schema types it: "0.3" as a number, "true" as a boolean; anything else stays text. */
export function coerceText(schema: Schema, raw: string): unknown {
  if (allows(schema, 'number') && NUMERIC.test(raw.trim())) return Number(raw)
  if (allows(schema, 'integer') && /^-?\d+$/.test(raw.trim())) return Number(raw)
  if (allows(schema, 'boolean') && (raw === 'true' || raw === 'false')) return raw === 'true'
  return raw
}

function typeOf(value: unknown): string {
  if (value instanceof FilePart) return 'file'
  if (Array.isArray(value)) return 'array'
  if (value === null) return 'null'
  return typeof value
}

function typeProblem(schema: Schema, value: unknown): string | null {
  const wanted = types(schema)
  if (schema.format === 'binary') {
    return value instanceof FilePart ? null : 'must be sent as an image file (a multipart file part), not as text'
  }
  if (value instanceof FilePart) return 'must be text, not a file'
  if (!wanted.length) return null
  const actual = typeOf(value)
  const fits = wanted.some((t) => t === actual || (t === 'integer' && actual === 'number' && Number.isInteger(value)))
  if (fits) return null
  const words: Record<string, string> = { number: 'a number', integer: 'an integer', string: 'a string', boolean: 'a boolean (true or false)', object: 'an object', array: 'a list' }
  return `must be ${wanted.map((t) => words[t] ?? t).join(' or ')}`
}

function rangeProblem(schema: Schema, value: number): string | null {
  if (schema.minimum !== undefined && value < schema.minimum) return `must be at least ${schema.minimum}`
  if (schema.maximum !== undefined && value > schema.maximum) return `must be at most ${schema.maximum}`
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return `must be greater than ${schema.exclusiveMinimum}`
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return `must be less than ${schema.exclusiveMaximum}`
  return null
}

function stringProblem(schema: Schema, value: string): string | null {
  if (schema.minLength !== undefined && value.length < schema.minLength) return schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return `must match ${schema.pattern}`
  if (schema.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return 'must be a UUID'
  return null
}

function objectProblem(schema: Schema, value: Record<string, unknown>): Violation | null {
  for (const name of schema.required ?? []) if (!(name in value)) return { path: [name], message: 'is required' }
  for (const [name, item] of Object.entries(value)) {
    const inner = schema.properties?.[name] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined)
    if (!inner) {
      if (schema.additionalProperties === false) return { path: [name], message: 'is not a known field' }
      continue
    }
    const problem = check(inner, item)
    if (problem) return { path: [name, ...problem.path], message: problem.message }
  }
  return null
}

function arrayProblem(schema: Schema, value: unknown[]): Violation | null {
  if (schema.minItems !== undefined && value.length < schema.minItems) return { path: [], message: `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}` }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) return { path: [], message: `must have at most ${schema.maxItems} items` }
  for (const [index, item] of value.entries()) {
    const problem = schema.items ? check(schema.items, item) : null
    if (problem) return { path: [index, ...problem.path], message: problem.message }
  }
  return null
}

/** With anyOf, the branch the value meant (the one whose required fields it has) speaks; else all are listed. */
function anyOfProblem(branches: Schema[], value: unknown): Violation | null {
  const problems = branches.map((branch) => check(branch, value))
  if (problems.some((p) => p === null)) return null
  if (typeOf(value) === 'object') {
    const meant = branches.findIndex((b) => (b.required ?? []).length > 0 && (b.required ?? []).every((k) => k in (value as object)))
    if (meant >= 0) return problems[meant] as Violation
    const keys = branches.flatMap((b) => b.required ?? [])
    return { path: [], message: `must have one of ${keys.join(', ')}` }
  }
  const words = branches.map((b) => (b.const !== undefined ? String(b.const) : b.enum ? b.enum.join(', ') : (typeProblem(b, value) ?? '').replace(/^must be /, '')))
  return { path: [], message: `must be one of: ${words.join('; ')}` }
}

/** The first way `value` breaks `schema`, or null when it fits. */
export function check(schema: Schema, value: unknown): Violation | null {
  if (schema.anyOf) return anyOfProblem(schema.anyOf, value)
  const type = typeProblem(schema, value)
  if (type) return { path: [], message: type }
  if (schema.const !== undefined && value !== schema.const) return { path: [], message: `must be ${String(schema.const)}` }
  if (schema.enum && !schema.enum.includes(value)) return { path: [], message: `must be one of ${schema.enum.join(', ')}` }
  if (typeof value === 'number') return wrap(rangeProblem(schema, value))
  if (typeof value === 'string') return wrap(stringProblem(schema, value))
  if (Array.isArray(value)) return arrayProblem(schema, value)
  if (typeOf(value) === 'object') return objectProblem(schema, value as Record<string, unknown>)
  return null
}

const wrap = (message: string | null): Violation | null => (message ? { path: [], message } : null)

/** A violation in the document's words: `virtualModel.model.preset.name must be one of …`. */
export function describeViolation(name: string, violation: Violation): string {
  return `${[name, ...violation.path].join('.')} ${violation.message}`
}
