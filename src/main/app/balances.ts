import type { Dispatcher } from 'undici'
import { providerById, type ProviderId, type ProviderUrls, createDispatcher, type Balance, SpendLedger } from '../../engine'

/** Reads balances with the same clients the batches use; one small connection pool for all of them. */
export class BalanceReader {
  private readonly dispatcher: Dispatcher = createDispatcher(2)
  private readonly ledger: SpendLedger

  constructor(
    private readonly urls: ProviderUrls,
    stateDir: string
  ) {
    this.ledger = new SpendLedger(stateDir)
  }

  read(provider: ProviderId, key: string): Promise<Balance[]> {
    return providerById(provider).createClient({ key, urls: this.urls }, this.dispatcher, this.ledger).balances(AbortSignal.timeout(15_000))
  }

  close(): Promise<void> {
    return this.dispatcher.close()
  }
}
