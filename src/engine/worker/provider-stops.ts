import { JobError } from '../errors'
import type { ProviderId } from '../providers/registry'
import type { ItemRun } from './item-run'
import type { ProviderStop } from './worker-types'

/**
 * Why each provider stopped for every photo (a refused key, credits in a headless run, an outage, a
 * paid answer saved nowhere), and the stopping: what has not been sent is cut off.
 */
export class ProviderStops {
  private readonly stops = new Map<ProviderId, ProviderStop>()

  constructor(private readonly runsOf: (provider: ProviderId) => ItemRun[]) {}

  of(provider: ProviderId): ProviderStop | undefined {
    return this.stops.get(provider)
  }

  /** A new key may follow a refused one: the provider is no longer stopped for it. */
  clear(provider: ProviderId): void {
    this.stops.delete(provider)
  }

  stop(provider: ProviderId, stop: ProviderStop): void {
    if (this.stops.has(provider)) return
    this.stops.set(provider, stop)
    // Credits: the lane itself turns the others away. Otherwise nothing more of this provider's can succeed.
    if (stop.because === 'credits') return
    // Not saved: what is already on the wire is paid for and gets its chance to be saved.
    for (const run of this.runsOf(provider)) if (!(stop.because === 'not-saved' && run.onWire)) run.abort(stop.message)
  }

  /** What a photo of a stopped provider ends with before anything is sent; nothing when it is not stopped. */
  refusal(provider: ProviderId): JobError | undefined {
    const stop = this.stops.get(provider)
    if (!stop) return undefined
    // Not saved: what was not sent ends as the other stops' photos do (blocked, with the reason).
    if (stop.because === 'not-saved') return new JobError('cancelled', stop.message, { wired: false })
    return new JobError(stop.because === 'unreachable' ? 'retryable' : stop.because, stop.message)
  }
}
