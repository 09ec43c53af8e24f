// Relative, not @shared: the unit tests import this file outside Vite.
import { checkRules, type ParamRule } from '../../../../shared/operations/rules'
import type { OperationDescriptor } from '../../../../shared/operations/descriptor'

type Param = OperationDescriptor['params'][number]

/** Kinds the window can edit; objects, lists and files are set in a preset file for now. */
const EDITABLE = new Set<Param['kind']>(['enum', 'number', 'integer', 'boolean', 'string', 'number-or-string', 'number-or-enum'])

/** What the selection overrides, per parameter (main's overridesOf answer). */
export type OverrideSummary = Record<string, { count: number; values: unknown[] }>

export interface FieldState {
  param: Param
  /** The value shown: the override, else the preset's; undefined shows the API default. */
  value: unknown
  /** The selected photos disagree: some override it, or with different values. */
  mixed: boolean
  /** Overridden for (some of) the selected photos: marked, with "Reset to preset". */
  overridden: boolean
  /** Why it cannot be set now: another parameter excludes it. */
  disabled?: string
  /** Rules broken by the values as they are, and main's refusals, for this field. */
  errors: string[]
}

/** Sections in the API's own grouping, in the order the operation lists them. */
export function sections(op: OperationDescriptor): { group: string; params: Param[] }[] {
  const groups = new Map<string, Param[]>()
  for (const param of op.params) if (EDITABLE.has(param.kind)) groups.set(param.group, [...(groups.get(param.group) ?? []), param])
  return [...groups].map(([group, params]) => ({ group, params }))
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== ''

/**
 * A field that cannot be set as the other values stand is disabled, with the rule's message as the
 * reason: another set parameter excludes it, or it only applies alongside a value or parameter that
 * is not there. A field already set stays editable, so the user can clear it.
 */
function exclusion(rules: readonly ParamRule[], name: string, values: Record<string, unknown>): string | undefined {
  if (isSet(values[name])) return undefined
  for (const rule of rules) {
    if (rule.severity !== 'error') continue
    if (rule.kind === 'excludes') {
      const other = rule.param === name ? rule.other : rule.other === name ? rule.param : null
      if (other && isSet(values[other]) && (rule.param === name || !rule.when || rule.when.includes(values[other] as never))) return rule.message
    }
    if (rule.param !== name || rule.when) continue
    if (rule.kind === 'needs-value' && !rule.values.includes((values[rule.other] ?? null) as never)) return rule.message
    if (rule.kind === 'needs-one-of' && !rule.others.some((other) => isSet(values[other]))) return rule.message
  }
  return undefined
}

/**
 * Every field's state for the inspector: nothing selected shows the batch preset; a selection shows
 * its overrides over the preset, "mixed" where the photos differ.
 */
export function fieldStates(op: OperationDescriptor, preset: Record<string, unknown>, selected: number, overrides: OverrideSummary, problems: Record<string, string>): Map<string, FieldState> {
  const single = Object.fromEntries(Object.entries(overrides).flatMap(([name, o]) => (o.count === selected && o.values.length === 1 ? [[name, o.values[0]]] : [])))
  const values = { ...preset, ...single }
  const broken = checkRules(op.rules, values).filter((r) => r.severity === 'error')
  const states = new Map<string, FieldState>()
  for (const { params } of sections(op)) {
    for (const param of params) {
      const o = selected ? overrides[param.name] : undefined
      const mixed = o !== undefined && (o.count < selected || o.values.length > 1)
      const errors = broken.filter((r) => r.param === param.name).map((r) => r.message)
      if (problems[param.name]) errors.push(problems[param.name] as string)
      states.set(param.name, { param, value: mixed ? undefined : values[param.name], mixed, overridden: o !== undefined, disabled: exclusion(op.rules, param.name, values), errors })
    }
  }
  return states
}

/** The model headers an edit needs: setting a parameter that requires a header sets that header too. */
export function neededHeaders(op: OperationDescriptor, values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(checkRules(op.rules, values).flatMap((r) => (r.kind === 'needs-header' && r.severity === 'error' ? [[r.header, r.value]] : [])))
}

/** "background.blur.radius" in the "blur" section reads "Blur radius"; headers read "Model". */
export function fieldLabel(param: Param): string {
  if (param.header) return 'Model'
  const words = param.name
    .split('.')
    .filter((part, i, all) => all.length === 1 || part !== param.group || i > 0)
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
