/**
 * Rules between parameters, as plain data: the validator, the simulator and a form evaluate the same
 * list, so what the window warns about live is exactly what the CLI refuses. No zod here: the
 * renderer may import this file.
 */

import { isColor, type HashSign } from '../params/colors'

/** A parameter value in a rule; `null` stands for "not set". */
export type RuleValue = string | number | boolean | null

/** One accepted shape of a value: a number range or a text pattern. */
export type ValueShape = { type: 'number'; minimum: number; maximum: number; integer?: boolean } | { type: 'string'; pattern: string }

interface RuleBase {
  /** The parameter (or header) the rule is about; the message is shown next to it. */
  param: string
  /** The rule applies only when `param` has one of these values; whenever it is set when absent. */
  when?: readonly RuleValue[]
  severity: 'error' | 'warning'
  message: string
}

export type ParamRule = RuleBase &
  (
    | { kind: 'excludes'; other: string }
    | { kind: 'needs-one-of'; others: readonly string[] }
    | { kind: 'needs-value'; other: string; values: readonly RuleValue[] }
    | { kind: 'not-with-value'; other: string; values: readonly RuleValue[] }
    | { kind: 'needs-header'; header: string; value: string }
    | { kind: 'not-with-header'; header: string; value: string }
    /** Nothing outside `allowed` may be set alongside it. */
    | { kind: 'only-alongside'; allowed: readonly string[] }
    | { kind: 'one-of'; values: readonly RuleValue[] }
    | { kind: 'format'; anyOf: readonly ValueShape[] }
    /** A hex colour (with or without its `#`, as the document spells it) or a colour name. */
    | { kind: 'color'; hash: HashSign }
    /** Must be set, and not blank, before a run; a form may be saved without it. */
    | { kind: 'required' }
  )

/** Parameter values and model headers in one map, keyed by the API's names. */
export type RuleValues = Record<string, unknown>

const isSet = (value: unknown): boolean => value !== undefined && value !== null
const valueOf = (values: RuleValues, name: string): RuleValue => (isSet(values[name]) ? (values[name] as RuleValue) : null)

function fits(value: unknown, shape: ValueShape): boolean {
  if (shape.type === 'number') return typeof value === 'number' && value >= shape.minimum && value <= shape.maximum && (!shape.integer || Number.isInteger(value))
  return typeof value === 'string' && new RegExp(shape.pattern).test(value)
}

function applies(rule: ParamRule, values: RuleValues): boolean {
  if (rule.kind === 'required') return true
  return isSet(values[rule.param]) && (!rule.when || rule.when.includes(valueOf(values, rule.param)))
}

function broken(rule: ParamRule, values: RuleValues): boolean {
  switch (rule.kind) {
    case 'excludes':
      return isSet(values[rule.other])
    case 'needs-one-of':
      return !rule.others.some((other) => isSet(values[other]))
    case 'needs-value':
      return !rule.values.includes(valueOf(values, rule.other))
    case 'not-with-value':
      return rule.values.includes(valueOf(values, rule.other))
    case 'needs-header':
      return values[rule.header] !== rule.value
    case 'not-with-header':
      return values[rule.header] === rule.value
    case 'only-alongside':
      return Object.keys(values).some((name) => name !== rule.param && isSet(values[name]) && !rule.allowed.includes(name))
    case 'one-of':
      return !rule.values.includes(valueOf(values, rule.param))
    case 'format':
      return !rule.anyOf.some((shape) => fits(values[rule.param], shape))
    case 'color':
      return !isColor(values[rule.param], rule.hash)
    case 'required':
      return !isSet(values[rule.param]) || String(values[rule.param]).trim() === ''
  }
}

/** How a colour parameter's document spells a hex colour; undefined for a parameter that is not a colour. */
export function colorHashOf(rules: readonly ParamRule[], name: string): HashSign | undefined {
  const color = rules.find((r) => r.kind === 'color' && r.param === name)
  return color?.kind === 'color' ? color.hash : undefined
}

export function checkRules(rules: readonly ParamRule[], values: RuleValues): ParamRule[] {
  return rules.filter((rule) => applies(rule, values) && broken(rule, values))
}
