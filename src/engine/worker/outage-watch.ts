import type { ProviderId } from '../providers/registry'
import type { LaneState } from '../scheduler/provider-lane'

/**
 * Headless runs give up on a provider that stays away rather than probing it for ever: unreachable
 * for `patienceMs`, or asked to wait longer than we hold requests back in silence.
 */
export class OutageWatch {
  private readonly timers = new Map<ProviderId, NodeJS.Timeout>()

  constructor(
    private readonly patienceMs: number | undefined,
    private readonly giveUp: (provider: ProviderId, message: string) => void
  ) {}

  watch(provider: ProviderId, state: LaneState): void {
    if (this.patienceMs === undefined) return
    const away = state.status === 'paused' && (state.reason === 'unreachable' || state.reason === 'asked-to-wait')
    if (!away) {
      clearTimeout(this.timers.get(provider))
      this.timers.delete(provider)
      return
    }
    if (state.reason === 'asked-to-wait') return this.giveUp(provider, state.message)
    if (!this.timers.has(provider)) this.timers.set(provider, setTimeout(() => this.giveUp(provider, state.message), this.patienceMs))
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }
}
