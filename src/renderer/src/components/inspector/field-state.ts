// Relative, not @shared: the unit tests import this file outside Vite.
import { checkRules, colorHashOf, type ParamRule } from '../../../../shared/operations/rules'
import type { OperationDescriptor } from '../../../../shared/operations/descriptor'
import { PARAM_GROUPS, type ParamGroup } from '../../../../shared/params/presentation'
import { valueProblem } from '../../../../shared/params/value-problem'

export type Param = OperationDescriptor['params'][number]

/** What the selection overrides, per parameter (main's overridesOf answer). */
export type OverrideSummary = Record<string, { count: number; values: unknown[] }>

export interface FieldState {
  param: Param
  /** The value shown: the override, else the preset's; undefined shows the documented default. */
  value: unknown
  /** An image field's link, when the image is given by link instead (`background.imageUrl`). */
  linkValue?: unknown
  /** The selected photos disagree: some override it, or with different values. */
  mixed: boolean
  /** Overridden for (some of) the selected photos: marked, with "Reset to preset". */
  overridden: boolean
  /** Why it cannot be set now: another field excludes it, or it waits for one. */
  disabled?: string
  /** Shown under the field when another set field excludes it; a field waiting for another says it only on hover. */
  excludedBy?: string
  /** What is wrong with the value as it stands, and main's refusals, for this field. */
  errors: string[]
  /** Empty, and needed before a run (Phota's prompt). */
  needed?: string
  /** The value is one the API calls deprecated: its words. */
  deprecated?: string
}

export interface Section {
  group: ParamGroup
  /** Shown at once. */
  common: Param[]
  /** Under "More". */
  more: Param[]
}

/** Sections in a photographer's order, each with its common fields first; what the window cannot send is left out. */
export function sections(op: OperationDescriptor): Section[] {
  return PARAM_GROUPS.flatMap((group) => {
    const params = op.params.filter((p) => p.group === group && !p.hidden)
    return params.length ? [{ group, common: params.filter((p) => p.common), more: params.filter((p) => !p.common) }] : []
  })
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== ''

/**
 * A field that cannot be set as the other values stand is disabled, the rule's words its reason:
 * another set field excludes it, or it applies only alongside a value or field that is not there. A
 * field already set stays editable, so the user can clear it.
 */
function exclusion(rules: readonly ParamRule[], name: string, values: Record<string, unknown>): { message: string; excluded: boolean } | undefined {
  if (isSet(values[name])) return undefined
  for (const rule of rules) {
    if (rule.severity !== 'error') continue
    if (rule.kind === 'excludes') {
      const other = rule.param === name ? rule.other : rule.other === name ? rule.param : null
      if (other && isSet(values[other]) && (rule.param === name || !rule.when || rule.when.includes(values[other] as never))) return { message: rule.message, excluded: true }
    }
    if (rule.param !== name || rule.when) continue
    if (rule.kind === 'needs-value' && !rule.values.includes((values[rule.other] ?? null) as never)) return { message: rule.message, excluded: false }
    if (rule.kind === 'needs-one-of' && !rule.others.some((other) => isSet(values[other]))) return { message: rule.message, excluded: false }
  }
  return undefined
}

/** The values a `{key}` parameter holds (`editWithAI.additionalImages.{key}.imageFile`), by their concrete names. */
export function keyedValues(template: string, values: Record<string, unknown>): [string, unknown][] {
  const pattern = new RegExp(`^${template.split('{key}').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([A-Za-z0-9_-]+)')}$`)
  return Object.entries(values)
    .filter(([name]) => pattern.test(name))
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
}

/** The API's words when the value is one it calls deprecated. */
function deprecation(param: Param, value: unknown): string | undefined {
  if (typeof value === 'string' && param.deprecatedValues?.[value]) return param.deprecatedValues[value]
  return param.choices?.find((c) => JSON.stringify(c.value) === JSON.stringify(value))?.deprecated
}

/** The facts a value is checked against on its own: range, pattern, what is allowed. */
function ownProblem(param: Param, value: unknown): string | null {
  return valueProblem({ ...param, minimum: param.range?.min, maximum: param.range?.max, exclusiveMinimum: param.range?.exclusiveMin }, value)
}

/** What is wrong with a value being typed, as the other values stand: shown live, gone as soon as it is right. */
export function problemsOf(op: OperationDescriptor, values: Record<string, unknown>, param: Param, value: unknown): string[] {
  const own = ownProblem(param, value)
  if (own) return [own]
  return checkRules(op.rules, { ...values, [param.name]: value })
    .filter((r) => r.param === param.name && r.severity === 'error' && r.kind !== 'required')
    .map((r) => r.message)
}

/**
 * Every field's state for the inspector: nothing selected shows the batch preset; a selection shows
 * its overrides over the preset, "mixed" where the photos differ. A rule speaks only about a field
 * that is set; an empty field says nothing, unless it is needed before a run.
 */
export function fieldStates(op: OperationDescriptor, preset: Record<string, unknown>, selected: number, overrides: OverrideSummary, problems: Record<string, string>): Map<string, FieldState> {
  const values = currentValues(preset, selected, overrides)
  const broken = checkRules(op.rules, values)
  const states = new Map<string, FieldState>()
  for (const param of op.params) {
    if (param.hidden) continue
    const keyed = param.control === 'keyed-images'
    const o = selected ? (overrides[param.name] ?? (param.link ? overrides[param.link] : undefined)) : undefined
    const mixed = o !== undefined && (o.count < selected || o.values.length > 1)
    const value = keyed ? Object.fromEntries(keyedValues(param.name, values)) : mixed ? undefined : values[param.name]
    const mine = broken.filter((r) => r.param === param.name)
    const errors = mine.filter((r) => r.severity === 'error' && r.kind !== 'required').map((r) => r.message)
    const own = keyed ? null : ownProblem(param, value)
    if (own && !errors.length) errors.unshift(own)
    if (problems[param.name]) errors.push(problems[param.name] as string)
    const needed = mine.find((r) => r.kind === 'required')?.message
    const link = param.link ? { linkValue: values[param.link] } : {}
    const why = param.link && isSet(values[param.link]) ? undefined : exclusion(op.rules, param.name, values)
    const disabled = why ? { disabled: why.message, ...(why.excluded ? { excludedBy: why.message } : {}) } : {}
    states.set(param.name, { param, value, ...link, mixed, overridden: o !== undefined, ...disabled, errors, needed, deprecated: deprecation(param, value) })
  }
  return states
}

/** The values as they stand for the selection: the preset, and the overrides every selected photo shares. */
export function currentValues(preset: Record<string, unknown>, selected: number, overrides: OverrideSummary): Record<string, unknown> {
  const single = Object.fromEntries(Object.entries(overrides).flatMap(([name, o]) => (o.count === selected && o.values.length === 1 ? [[name, o.values[0]]] : [])))
  return { ...preset, ...single }
}

/** The field a refusal is about: the parameter itself, or the one a dotted name points into (`virtualModel.model.custom.imageFile`). */
export function fieldOf(op: OperationDescriptor, name: string): string {
  const linked = op.params.find((p) => p.link === name)
  if (linked) return linked.name
  const keyed = op.params.find((p) => p.name.includes('{key}') && keyedValues(p.name, { [name]: true }).length)
  if (keyed) return keyed.name
  const parents = op.params.filter((p) => name === p.name || name.startsWith(`${p.name}.`))
  return parents.sort((a, b) => b.name.length - a.name.length)[0]?.name ?? name
}

/** The model headers an edit needs: setting a parameter that requires a header sets that header too. */
export function neededHeaders(op: OperationDescriptor, values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(checkRules(op.rules, values).flatMap((r) => (r.kind === 'needs-header' && r.severity === 'error' ? [[r.header, r.value]] : [])))
}

/** How a colour parameter spells its hex: `bg_color` keeps its `#`, Photoroom edit's colours go without. */
export function colorHash(op: OperationDescriptor, name: string): 'required' | 'optional' {
  return colorHashOf(op.rules, name) ?? 'optional'
}

/** A value in the user's words: its name, or the choice it is. */
export function shownValue(param: Param, value: unknown): string {
  if (typeof value === 'string' && param.values?.[value]) return param.values[value]
  const choice = param.choices?.find((c) => JSON.stringify(c.value) === JSON.stringify(value))
  return choice ? choice.label : typeof value === 'object' ? JSON.stringify(value) : String(value)
}
