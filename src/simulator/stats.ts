import type { Fault } from './faults'
import type { Provider } from './options'

export interface ProviderStats {
  requests: number
  /** Requests per path, so tests can tell image operations from balance queries. */
  byPath: Record<string, number>
  byStatus: Record<string, number>
  faults: Record<Exclude<Fault, 'rateLimit'>, number>
  /** 429s by cause: the rate window or the in-flight cap. */
  limited: { rate: number; inFlight: number }
  inFlight: number
  /** Requests whose work is not over: like the real services, they may still charge after their client has gone. */
  working: number
  peakInFlight: number
  /** Credits debited, in the provider's own unit. */
  charged: number
  /** Successful, charged operations per account label. */
  chargesByAccount: Record<string, number>
  /** Charges made after the client had hung up: paid for, never received. */
  chargedAfterHangUp: number
}

const empty = (): ProviderStats => ({
  requests: 0,
  byPath: {},
  byStatus: {},
  faults: { serverError: 0, reset: 0, stall: 0, stallAfterCharge: 0, noImage: 0, downloadError: 0, downloadReset: 0 },
  limited: { rate: 0, inFlight: 0 },
  inFlight: 0,
  working: 0,
  peakInFlight: 0,
  charged: 0,
  chargesByAccount: {},
  chargedAfterHangUp: 0
})

export class Stats {
  private data: Record<Provider, ProviderStats> = { photoroom: empty(), pixelcut: empty(), phota: empty() }

  of(provider: Provider): ProviderStats {
    return this.data[provider]
  }

  status(provider: Provider, status: number): void {
    const s = this.data[provider]
    s.byStatus[status] = (s.byStatus[status] ?? 0) + 1
  }

  charge(provider: Provider, label: string, amount: number, afterHangUp = false): void {
    const s = this.data[provider]
    if (afterHangUp) s.chargedAfterHangUp++
    s.charged = Math.round((s.charged + amount) * 100) / 100
    s.chargesByAccount[label] = (s.chargesByAccount[label] ?? 0) + 1
  }

  enter(provider: Provider, path: string): void {
    const s = this.data[provider]
    s.requests++
    s.byPath[path] = (s.byPath[path] ?? 0) + 1
    s.inFlight++
    s.working++
    s.peakInFlight = Math.max(s.peakInFlight, s.inFlight)
  }

  leave(provider: Provider): void {
    this.data[provider].inFlight--
  }

  /** The request's work is over, answered or not. */
  worked(provider: Provider): void {
    this.data[provider].working--
  }

  snapshot(): Record<Provider, ProviderStats> {
    return structuredClone(this.data)
  }

  reset(): void {
    const before = this.data
    this.data = { photoroom: empty(), pixelcut: empty(), phota: empty() }
    for (const p of Object.keys(before) as Provider[]) Object.assign(this.data[p], { inFlight: before[p].inFlight, working: before[p].working })
  }
}
