import { PROVIDERS, providerById, type Balance, type ProviderId } from '../../engine'
import { AppError } from '../app/app-error'
import type { BalanceTracker } from '../app/balance-tracker'
import type { Catalog } from '../catalog/catalog'

const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7)
const monthStart = (ms: number): number => Date.parse(`${monthOf(ms)}-01T00:00:00Z`)

/**
 * A sandbox key's free proofs this month (Photoroom: 1,000, counted in UTC months): the proofs the
 * catalog holds, raised to what the account endpoint reports where it tells (proofs made elsewhere with
 * the same key). A proof run that would go over is refused before anything is sent.
 */
export class SandboxMonth {
  private readonly reported = new Map<ProviderId, { month: string; used: number }>()
  /** Proofs of runs under way, by run and provider, not yet in the catalog: two runs at once cannot go over together. */
  private readonly underWay = new Map<string, { provider: ProviderId; left: number; ended: Set<string> }>()

  constructor(
    private readonly catalog: Catalog,
    private readonly balances: BalanceTracker,
    private readonly now: () => number = Date.now
  ) {}

  /** A reading of a sandbox account is taken here, not shown as the live balance; true when it was one. */
  heard(balance: Balance): boolean {
    if (balance.source !== 'provider' || balance.plan !== 'sandbox') return false
    // A figure with no monthly quota (Photoroom's v1 credits for a sandbox key: 0 of 0) says nothing of the month.
    if (balance.subscription) {
      const used = Math.max(0, balance.subscription - balance.available)
      const month = monthOf(this.now())
      const before = this.reported.get(balance.provider)
      this.reported.set(balance.provider, { month, used: before?.month === month ? Math.max(before.used, used) : used })
    }
    this.publish(balance.provider)
    return true
  }

  used(provider: ProviderId): number {
    const now = this.now()
    const reported = this.reported.get(provider)
    return Math.max(this.catalog.proofsSince(provider, monthStart(now)), reported?.month === monthOf(now) ? reported.used : 0)
  }

  /** The balance line's "proofs this month", for providers with a sandbox month once it has been used or read. */
  publish(provider?: ProviderId): void {
    for (const { id, sandboxProofsPerMonth: limit } of provider ? [providerById(provider)] : PROVIDERS) {
      const used = limit === undefined ? 0 : this.used(id)
      if (limit !== undefined && (used > 0 || this.reported.has(id))) this.balances.accept({ provider: id, unit: 'proofs', source: 'sandbox-month', used, limit })
    }
  }

  /** A proof run starts: its photos count until each ends. */
  started(run: string, provider: ProviderId, proofs: number): void {
    if (proofs > 0) this.underWay.set(`${run}\0${provider}`, { provider, left: proofs, ended: new Set() })
  }

  /** One photo of a proof run ended (recorded in the catalog when it was bought, or not sent at all). */
  ended(run: string, provider: ProviderId, itemId: string): void {
    const key = `${run}\0${provider}`
    const way = this.underWay.get(key)
    if (!way || way.ended.has(itemId)) return
    way.ended.add(itemId)
    if (--way.left <= 0) this.underWay.delete(key)
  }

  /** Refuses a run sending `proofs` photos with the provider's sandbox key when the month's free proofs would not cover them. */
  check(provider: ProviderId, proofs: number): void {
    const { name, sandboxProofsPerMonth: limit } = providerById(provider)
    if (limit === undefined || proofs === 0) return
    const used = this.used(provider) + [...this.underWay.values()].reduce((n, r) => n + (r.provider === provider ? r.left : 0), 0)
    if (used + proofs <= limit) return
    const left = Math.max(0, limit - used)
    throw new AppError(
      'invalid-input',
      `This proof run would send ${proofs} ${proofs === 1 ? 'photo' : 'photos'} to the ${name} sandbox, but only ${left} of its ${limit.toLocaleString('en')} free proofs are left this month (${used.toLocaleString('en')} used). Proof fewer photos, or run with your live key.`
    )
  }
}
