import type { ProviderId } from '../providers/registry'
import { ProviderLane, type LaneOptions } from './provider-lane'

/**
 * One lane per provider for everything the app sends, so a batch and a one-photo re-run share the
 * provider's limits, and the re-run (higher priority) goes first.
 */
export class Lanes {
  private readonly lanes = new Map<ProviderId, ProviderLane>()

  /** The provider's lane, made with `options` the first time; a lane already running takes them on (settings apply live). */
  get(provider: ProviderId, options: LaneOptions): ProviderLane {
    let lane = this.lanes.get(provider)
    if (!lane) {
      lane = new ProviderLane(provider, options)
      this.lanes.set(provider, lane)
    } else lane.configure(options)
    return lane
  }

  /** Changed settings for a lane in use; nothing when the provider has none yet. */
  configure(provider: ProviderId, options: LaneOptions): void {
    this.lanes.get(provider)?.configure(options)
  }
}
