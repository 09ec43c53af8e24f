import type { ProviderProfile } from './options'

export const FAULTS = ['serverError', 'reset', 'stall', 'rateLimit'] as const
export type Fault = (typeof FAULTS)[number]

/**
 * Decides the fault, if any, for the next operation: first from the scripted queue (tests that need
 * an exact sequence), then by the profile's seeded rates.
 */
export class FaultPlan {
  private readonly script: Fault[] = []

  constructor(
    private readonly profile: () => ProviderProfile,
    private readonly random: () => number
  ) {}

  enqueue(faults: Fault[]): void {
    this.script.push(...faults)
  }

  next(): Fault | null {
    const scripted = this.script.shift()
    if (scripted) return scripted
    const { serverError, reset, stall } = this.profile().faults
    const draw = this.random()
    if (draw < serverError) return 'serverError'
    if (draw < serverError + reset) return 'reset'
    if (draw < serverError + reset + stall) return 'stall'
    return null
  }
}
