import type { ParamKind } from '../params/describe'
import type { FieldPresentation, ParamGroup } from '../params/presentation'
import { amountText, effectText, type Pricing } from './pricing'
import type { ParamRule } from './rules'
import type { OperationSchema } from './types'

/**
 * An operation as plain JSON, for the window's form: no zod, no functions, nothing the renderer
 * cannot import. The form evaluates `rules` with `checkRules` (./rules), the validator's own list.
 */
export interface OperationDescriptor {
  id: string
  provider: string
  label: string
  /** What one image costs with no costly parameter, in words: "1 credit". */
  cost: { unit: Pricing['unit']; base: number; text: string }
  params: ParameterDescriptor[]
  rules: ParamRule[]
}

export interface ParameterDescriptor extends Omit<FieldPresentation, 'common' | 'group'> {
  /** The API's own (dotted) name, or the header's. */
  name: string
  kind: ParamKind
  group: ParamGroup
  /** Shown at the top of its section; the rest are under "More". */
  common: boolean
  /** The API's own documentation, one line. */
  description: string
  /** Sent as an HTTP header: a model version choice. */
  header: boolean
  options?: (string | number)[]
  range?: { min?: number; max?: number; exclusiveMin?: boolean }
  pattern?: string
  default?: unknown
  /** A list's bounds. */
  items?: { min?: number; max?: number }
  /** How the parameter changes the price: `{value: true, text: "+3 credits"}`; no value when any value counts. */
  cost?: { value?: unknown; text: string }[]
}

function costOf(pricing: Pricing, name: string): ParameterDescriptor['cost'] {
  const effects = pricing.effects.filter((e) => e.param === name)
  return effects.length ? effects.map((e) => ({ ...(e.kind === 'per-unit' ? {} : { value: e.value }), text: effectText(pricing, e) })) : undefined
}

/** Leaves out what is not set, so the JSON says only what is known. */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T
}

export function describeOperation(op: OperationSchema): OperationDescriptor {
  const { pricing } = op
  return {
    id: op.id,
    provider: op.provider,
    label: op.label,
    cost: { unit: pricing.unit, base: pricing.base, text: amountText(pricing.unit, pricing.base) },
    params: op.params.map(({ schema: _schema, minimum, maximum, exclusiveMinimum, minItems, maxItems, options, header, ...p }) =>
      defined({
        ...p,
        header: header ?? false,
        options: options ? [...options] : undefined,
        range: minimum === undefined && maximum === undefined ? undefined : defined({ min: minimum, max: maximum, exclusiveMin: exclusiveMinimum }),
        items: minItems === undefined && maxItems === undefined ? undefined : defined({ min: minItems, max: maxItems }),
        cost: costOf(pricing, p.name)
      })
    ),
    rules: [...op.rules]
  }
}
