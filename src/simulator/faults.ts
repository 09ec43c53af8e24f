import type { ProviderProfile } from './options'

/**
 * `reset`: charged, then the connection is cut mid-body; `stallAfterCharge`: charged, then never
 * answered; `noImage`: charged, answered 200 without an image. `downloadError` and `downloadReset`
 * hit the next result download (503, or cut mid-body) instead of an operation.
 */
export const FAULTS = ['serverError', 'reset', 'stall', 'stallAfterCharge', 'noImage', 'rateLimit', 'downloadError', 'downloadReset'] as const
export type Fault = (typeof FAULTS)[number]
const DOWNLOAD_FAULTS: readonly Fault[] = ['downloadError', 'downloadReset']

/**
 * Decides the fault, if any, for the next operation or download: first from the scripted queue (tests
 * that need an exact sequence), then by the profile's seeded rates.
 */
export class FaultPlan {
  private readonly script: Fault[] = []
  private readonly downloadScript: Fault[] = []

  constructor(
    private readonly profile: () => ProviderProfile,
    private readonly random: () => number
  ) {}

  enqueue(faults: Fault[]): void {
    for (const fault of faults) (DOWNLOAD_FAULTS.includes(fault) ? this.downloadScript : this.script).push(fault)
  }

  next(): Fault | null {
    const scripted = this.script.shift()
    if (scripted) return scripted
    const { serverError, reset, stall, stallAfterCharge } = this.profile().faults
    return pick(this.random(), [
      ['serverError', serverError],
      ['reset', reset],
      ['stall', stall],
      ['stallAfterCharge', stallAfterCharge]
    ])
  }

  nextDownload(): Fault | null {
    const scripted = this.downloadScript.shift()
    if (scripted) return scripted
    const { downloadError, downloadReset } = this.profile().faults
    return pick(this.random(), [
      ['downloadError', downloadError],
      ['downloadReset', downloadReset]
    ])
  }
}

function pick(draw: number, rates: [Fault, number][]): Fault | null {
  let below = 0
  for (const [fault, rate] of rates) {
    below += rate
    if (draw < below) return fault
  }
  return null
}
