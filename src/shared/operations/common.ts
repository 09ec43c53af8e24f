import { z } from 'zod'
import { present, type ParamDescriptor } from '../params/describe'
import { coerceFormValue } from '../params/form-values'
import { numberText } from '../params/value-problem'
import type { JsonSchema } from '../params/json-schema'
import { priceOf } from './pricing'
import { checkRules, colorHashOf, type ParamRule } from './rules'
import type { InputImage, OperationSchema, ParamProblem, ParamValues } from './types'
import { FORMATS, formatOfExtension } from '../images/formats'
import { spellColor } from '../params/colors'

const validators = new WeakMap<JsonSchema, z.ZodType>()

function validatorFor(schema: JsonSchema): z.ZodType {
  let validator = validators.get(schema)
  if (!validator) {
    validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])
    validators.set(schema, validator)
  }
  return validator
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1))
      previous = current
    }
  }
  return row[b.length] as number
}

export function unknownParamMessage(name: string, params: readonly ParamDescriptor[], label: string): string {
  const best = params
    .map((p) => ({ name: p.name, distance: editDistance(name, p.name) }))
    .sort((a, b) => a.distance - b.distance)[0]
  const hint = best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? ` Did you mean "${best.name}"?` : ''
  return `"${name}" is not a parameter of ${label}.${hint}`
}

/** The descriptor for `name`, or for the object parameter it is a dotted path into. */
export function findDescriptor(params: readonly ParamDescriptor[], name: string): { descriptor: ParamDescriptor; path: string[] } | undefined {
  const exact = params.find((p) => p.name === name) ?? params.find((p) => p.name.includes('{key}') && new RegExp(`^${p.name.replace(/[.]/g, '\\.').replace('{key}', '[\\w-]+')}$`).test(name))
  if (exact) return { descriptor: exact, path: [] }
  const parent = params.filter((p) => (p.kind === 'object' || p.kind === 'list') && name.startsWith(`${p.name}.`)).sort((a, b) => b.name.length - a.name.length)[0]
  return parent ? { descriptor: parent, path: name.slice(parent.name.length + 1).split('.') } : undefined
}

export function parseWith(params: readonly ParamDescriptor[], name: string, raw: string): unknown {
  const found = findDescriptor(params, name)
  if (!found || found.path.length) return coerceFormValue({ type: ['number', 'boolean', 'string'] } as JsonSchema, raw)
  return coerceFormValue(found.descriptor.schema, raw)
}

/** Checks each value against its parameter's schema; unknown names are errors with a suggestion. */
export function validateEach(params: readonly ParamDescriptor[], values: ParamValues, label: string): ParamProblem[] {
  const errors: ParamProblem[] = []
  for (const [name, value] of Object.entries(values)) {
    const found = findDescriptor(params, name)
    if (!found || found.path.length) {
      errors.push({ param: name, message: unknownParamMessage(name, params, label) })
      continue
    }
    if (found.descriptor.kind === 'file') {
      if (typeof value !== 'string' || !value.trim()) errors.push({ param: name, message: `${found.descriptor.label} must be the path of an image file` })
      continue
    }
    const result = validatorFor(found.descriptor.schema).safeParse(value)
    if (!result.success) errors.push({ param: name, message: describeIssue(found.descriptor, result.error.issues[0]) })
  }
  return errors
}

/** One line for people: the message alone when it already names its parameter, else `param: message`. */
export function problemText({ param, message }: ParamProblem): string {
  // A longer dotted name (shadow.mode for shadow) does not count as naming it.
  const named = new RegExp(`(^|[^\\w.-])${param.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-]|\\.\\w)`).test(message)
  return named ? message : `${param}: ${message}`
}

function describeIssue(descriptor: ParamDescriptor, issue: z.core.$ZodIssue | undefined): string {
  const { label } = descriptor
  if (descriptor.allowed) return `${label} must be ${descriptor.allowed}`
  if (descriptor.options?.length && (descriptor.kind === 'enum' || descriptor.kind === 'number-or-enum')) {
    return `${label} must be one of ${descriptor.options.join(', ')}${descriptor.kind === 'number-or-enum' ? ', or a number' : ''}`
  }
  if (descriptor.kind === 'number' || descriptor.kind === 'integer') return `${label} must be ${numberText(descriptor)}`
  return `${label} is not valid: ${issue?.message ?? 'check its value'}`
}

export function formatProblems(image: InputImage, accepted: readonly string[], label: string): string[] {
  return accepted.includes(image.format) ? [] : [`${label} does not accept ${image.format.toUpperCase()} images (it takes ${accepted.map((f) => f.toUpperCase()).join(', ')})`]
}

export function sizeProblems(image: InputImage, maxBytes: number | undefined, label: string): string[] {
  if (maxBytes === undefined || image.bytes <= maxBytes) return []
  return [`the file is ${(image.bytes / 1024 / 1024).toFixed(1)} MB; ${label} takes at most ${maxBytes / 1024 / 1024} MB`]
}

/** Nests dotted values into the object a JSON body carries: `shadow.opacity=0.4` → `{shadow: {opacity: 0.4}}`. */
export function nest(values: ParamValues): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    const path = name.split('.')
    let node = root
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {}
      node = node[key] as Record<string, unknown>
    }
    node[path[path.length - 1] as string] = value
  }
  return root
}

/** A colour parameter's value as its document spells it (see spellColor), however it was written; any other value as it is. */
export function spelledColor(rules: readonly ParamRule[], name: string, value: unknown): unknown {
  const hash = colorHashOf(rules, name)
  return hash && typeof value === 'string' ? spellColor(value, hash) : value
}

export type OperationDefinition<P extends string> = Omit<OperationSchema<P>, 'parseValue' | 'validate' | 'cost' | 'keyProblem' | 'rules' | 'purchase'> &
  Partial<Pick<OperationSchema<P>, 'keyProblem' | 'rules' | 'purchase'>> & {
    /** Checks beyond the rules, once each value fits its schema: a nested body's shape as a whole. */
    check?: (values: ParamValues) => ParamProblem[]
  }

const asProblem = (rule: ParamRule): ParamProblem => ({ param: rule.param, message: rule.message, ...(rule.kind === 'required' ? { needed: true as const } : {}) })

/**
 * An operation whose values are read and checked by its own parameters' schemas, then by its rules;
 * its cost comes from its pricing. The rules see model headers by name, like any parameter.
 */
export function defineOperation<P extends string>({ check, ...definition }: OperationDefinition<P>): OperationSchema<P> {
  const rules = definition.rules ?? []
  const operation = { ...definition, params: present(definition.params, definition.presentation) }
  return {
    keyProblem: () => null,
    purchase: {},
    ...operation,
    rules,
    parseValue: (name, raw) => spelledColor(rules, name, parseWith(operation.params, name, raw)),
    validate: (values) => {
      const each = validateEach(operation.params, values, operation.label)
      const broken = checkRules(rules, values)
      return {
        errors: [...each, ...(each.length ? [] : (check?.(values) ?? [])), ...broken.filter((r) => r.severity === 'error').map(asProblem)],
        warnings: broken.filter((r) => r.severity === 'warning').map(asProblem)
      }
    },
    cost: (values, options) => priceOf(operation.pricing, values, options)
  }
}

/** The file extension for an API's format name ("jpeg" and "jpg" both give jpg); the operation's documented default when unset. */
export function extensionOf(format: unknown, documentedDefault: string): string {
  const name = String(format ?? documentedDefault)
  const known = formatOfExtension(name)
  return known ? FORMATS[known].extension : name
}
