import type { Dispatcher } from 'undici'
import type { Cost } from '../../shared/operations'
import { checkAccount } from '../batch/check-account'
import type { Seller } from '../purchases/job-key'
import type { Purchases } from '../purchases/purchases'
import { createDispatcher } from '../providers/http'
import { providerById, type ProviderId, type ProviderUrls } from '../providers/registry'
import type { Balance, ProviderClient } from '../providers/types'

export interface SessionOptions {
  provider: ProviderId
  apiKey: string
  urls: ProviderUrls
  purchases: Purchases
  /** Connections in the pool: the most requests at once, and a couple for balance reads. */
  connections: number
  /** The unit whose balance is reported up front. */
  unit: Cost['unit']
  /** A dry run sends nothing, the free account check included. */
  dryRun?: boolean
  /** Each request of the account check: the provider counts it against the rate limit like any other. */
  sent?: () => void
}

/**
 * What a worker sets up once per provider and key, however many photos and parameter sets it runs:
 * the HTTP pool, the client, and the free account check (a wrong key or an unreachable host stops
 * the provider before anything is sent).
 */
export class ProviderSession {
  readonly sandbox: boolean
  readonly seller: Seller

  private constructor(
    readonly provider: ProviderId,
    readonly client: ProviderClient,
    private readonly dispatcher: Dispatcher,
    o: SessionOptions
  ) {
    const definition = providerById(provider)
    this.sandbox = definition.isSandboxKey(o.apiKey)
    this.seller = { origins: Object.values<string>(o.urls[provider]), keyKind: this.sandbox ? 'sandbox' : 'live' }
  }

  /** Opens the session; `found` hears the balance or a notice from the account check. */
  static async open(o: SessionOptions, found: (what: { balance: Balance } | { notice: string }) => void): Promise<ProviderSession> {
    const definition = providerById(o.provider)
    const dispatcher = createDispatcher(o.connections)
    const client = definition.createClient({ key: o.apiKey, urls: o.urls }, dispatcher, o.purchases.ledger)
    try {
      if (!o.dryRun) {
        const counted = definition.createClient({ key: o.apiKey, urls: o.urls }, countingRequests(dispatcher, o.sent), o.purchases.ledger)
        const result = await checkAccount(counted, definition.name, o.unit)
        if (result) found(result)
      }
    } catch (error) {
      await dispatcher.close()
      throw error
    }
    return new ProviderSession(o.provider, client, dispatcher, o)
  }

  close(): Promise<void> {
    return this.dispatcher.close()
  }
}

/** The same pool, telling `sent` of each request it sends. */
function countingRequests(dispatcher: Dispatcher, sent: (() => void) | undefined): Dispatcher {
  if (!sent) return dispatcher
  return dispatcher.compose((dispatch) => (options, handler) => {
    sent()
    return dispatch(options, handler)
  })
}
