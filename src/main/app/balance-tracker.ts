import type { EmitEvent } from '../../shared/ipc/contract'
import { PROVIDERS, type ProviderId, type Balance } from '../../engine'
import type { ApiKeys } from '../keychain/api-keys'
import type { BalanceReader } from './balances'

/**
 * The latest credit balance per provider, streamed to the renderer: after charges (at most once a
 * second per provider, since each read is a request) and on a slow timer.
 */
export class BalanceTracker {
  private readonly latest = new Map<string, Balance>()
  private readonly due = new Map<ProviderId, NodeJS.Timeout>()
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly reader: BalanceReader,
    private readonly keys: ApiKeys,
    private readonly emit: EmitEvent,
    private readonly throttleMs = 1_000
  ) {}

  all(): Balance[] {
    return [...this.latest.values()]
  }

  accept(reading: Balance): void {
    const key = `${reading.provider}:${reading.unit}`
    // A run's account check reads only the balance it spends, without the plan: the plan last read stays.
    const before = this.latest.get(key)
    const plan = before?.source === 'provider' ? before.plan : undefined
    const balance = reading.source === 'provider' && reading.plan === undefined && plan !== undefined ? { ...reading, plan } : reading
    this.latest.set(key, balance)
    this.emit('balance', balance)
  }

  forget(provider: ProviderId): void {
    for (const key of [...this.latest.keys()]) if (key.startsWith(`${provider}:`)) this.latest.delete(key)
  }

  /** Called after each charge; charges in quick succession share one read. */
  refreshSoon(provider: ProviderId): void {
    if (this.due.has(provider)) return
    this.due.set(
      provider,
      setTimeout(() => {
        this.due.delete(provider)
        void this.refresh(provider)
      }, this.throttleMs)
    )
  }

  async refresh(provider: ProviderId): Promise<void> {
    const key = await this.keys.key(provider).catch(() => null)
    if (!key) return
    try {
      for (const balance of await this.reader.read(provider, key)) this.accept(balance)
    } catch {
      // A missed reading is not worth an error; the next charge or tick tries again.
    }
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => PROVIDERS.forEach((p) => void this.refresh(p.id)), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    for (const timeout of this.due.values()) clearTimeout(timeout)
    this.due.clear()
  }
}
