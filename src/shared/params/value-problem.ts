/**
 * What is wrong with one value on its own, in words that name the field and say what is allowed. No
 * zod here: the window checks a value as it is typed with the same words the validator uses.
 */

export interface ValueFacts {
  label: string
  kind: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: boolean
  pattern?: string
  /** What is allowed, when the presentation says it better than a pattern. */
  allowed?: string
}

/** "a number from 0 to 1", "a whole number from 1 to 4", "a number above 0 and at most 0.05". */
export function numberText({ kind, minimum, maximum, exclusiveMinimum }: Pick<ValueFacts, 'kind' | 'minimum' | 'maximum' | 'exclusiveMinimum'>): string {
  const what = kind === 'integer' ? 'a whole number' : 'a number'
  if (minimum !== undefined && maximum !== undefined && !exclusiveMinimum) return `${what} from ${minimum} to ${maximum}`
  const low = minimum === undefined ? '' : `${exclusiveMinimum ? 'above' : 'at least'} ${minimum}`
  const high = maximum === undefined ? '' : `at most ${maximum}`
  return [what, [low, high].filter(Boolean).join(' and ')].filter(Boolean).join(' ')
}

function numberFits(value: number, facts: ValueFacts): boolean {
  if (facts.kind === 'integer' && !Number.isInteger(value)) return false
  if (facts.minimum !== undefined && (facts.exclusiveMinimum ? value <= facts.minimum : value < facts.minimum)) return false
  return facts.maximum === undefined || value <= facts.maximum
}

/** Null when the value fits on its own; an empty value is never wrong here (rules say what is needed). */
export function valueProblem(facts: ValueFacts, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  if (facts.kind === 'number' || facts.kind === 'integer') {
    return typeof value === 'number' && Number.isFinite(value) && numberFits(value, facts) ? null : `${facts.label} must be ${facts.allowed ?? numberText(facts)}`
  }
  if (facts.pattern && typeof value === 'string' && !new RegExp(facts.pattern).test(value)) return `${facts.label} must be ${facts.allowed ?? `text matching ${facts.pattern}`}`
  return null
}
