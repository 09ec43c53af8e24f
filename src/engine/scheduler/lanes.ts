import type { ProviderId } from '../providers/registry'
import { ProviderLane, type LaneOptions } from './provider-lane'

/**
 * One lane per provider for everything the app sends, so a batch and a one-photo re-run share the
 * provider's limits, and the re-run (higher priority) goes first.
 */
export class Lanes {
  private readonly lanes = new Map<ProviderId, ProviderLane>()

  get(provider: ProviderId, options: LaneOptions): ProviderLane {
    let lane = this.lanes.get(provider)
    if (!lane) {
      lane = new ProviderLane(provider, options)
      this.lanes.set(provider, lane)
    }
    return lane
  }
}
