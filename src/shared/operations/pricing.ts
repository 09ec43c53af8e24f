import type { Cost, ParamValues } from './types'

/** A parameter value that changes what one image costs, as data a form can show next to the field. */
export type CostEffect =
  /** Adds `amount` when `param` is `value` (Pixelcut's AI shadow: +3). */
  | { kind: 'adds'; param: string; value: unknown; amount: number }
  /** Costs `amount` instead of the base when `param` is `value` (Photoroom's preview size: 0.25). */
  | { kind: 'sets'; param: string; value: unknown; amount: number }
  /** The base once per unit of the parameter's number (Phota: per output image). */
  | { kind: 'per-unit'; param: string }

export interface Pricing {
  unit: Cost['unit']
  /** One image with no costly parameter. */
  base: number
  effects: readonly CostEffect[]
  /** Sandbox keys are free (Photoroom's v2). */
  sandboxFree?: boolean
}

export function priceOf(pricing: Pricing, values: ParamValues, options: { sandbox?: boolean } = {}): Cost {
  if (options.sandbox && pricing.sandboxFree) return { amount: 0, unit: pricing.unit }
  let amount = pricing.base
  for (const effect of pricing.effects) {
    const value = values[effect.param]
    if (effect.kind === 'sets' && value === effect.value) amount = effect.amount
  }
  for (const effect of pricing.effects) {
    const value = values[effect.param]
    if (effect.kind === 'adds' && value === effect.value) amount += effect.amount
    if (effect.kind === 'per-unit' && typeof value === 'number') amount *= value
  }
  return { amount, unit: pricing.unit }
}

/** An amount in the user's words: "1 credit", "0.25 credits", "1 image". */
export function amountText(unit: Cost['unit'], amount: number): string {
  return `${amount} ${unit === 'images' ? 'image' : 'credit'}${amount === 1 ? '' : 's'}`
}

/** The effect in the user's words: "+3 credits", "0.25 credits", "1 credit each". */
export function effectText(pricing: Pricing, effect: CostEffect): string {
  if (effect.kind === 'adds') return `+${amountText(pricing.unit, effect.amount)}`
  if (effect.kind === 'sets') return amountText(pricing.unit, effect.amount)
  return `${amountText(pricing.unit, pricing.base)} each`
}

/**
 * What the budget cap counts, in credits: Photoroom bills its Image Editing API in images, each worth
 * 5 of its credits (one /v2/edit image = 5 /v1/segment credits); everything else is billed in credits.
 */
export const CREDITS_PER_IMAGE = 5

export function creditsOf(cost: Cost): number {
  return cost.unit === 'images' ? cost.amount * CREDITS_PER_IMAGE : cost.amount
}
