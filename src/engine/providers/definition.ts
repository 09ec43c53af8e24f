import type { Dispatcher } from 'undici'
import type { OperationSchema } from '../../shared/operations'
import type { SpendLedger } from '../purchases/spend-ledger'
import type { ResultHeaders } from './result-facts'
import type { ProviderClient, ProviderConfig } from './types'

/** One of a provider's servers: its published origin, and the variable that points it elsewhere (the simulator). */
export interface HostDefinition {
  env: string
  default: string
}

/** Everything Proofsheet knows about one provider; the registry lists one per provider and nothing else does. */
export interface ProviderDefinition<Id extends string = string, Host extends string = string> {
  id: Id
  /** As the provider spells its own name. */
  name: string
  hosts: Record<Host, HostDefinition>
  /** The environment variable the CLI reads the API key from. */
  keyVariable: string
  /** Defaults from the provider's published limits; users may lower or raise concurrency. */
  limits: { concurrency: number; requestsPerSecond: number }
  operations: readonly OperationSchema<Id>[]
  /** The operation the CLI uses when none is named; required when there are several. */
  defaultOperation?: string
  /** The response headers kept with each result, and the fact each one is. */
  resultHeaders: ResultHeaders
  /** Keys that are free to use but limited (Photoroom's `sandbox_` keys). */
  isSandboxKey(key: string): boolean
  /** No balance endpoint: the balance shown is what Proofsheet spent, counted in the state folder's ledger. */
  countsSpendHere?: boolean
  /** The free calls a sandbox key has each month (Photoroom: 1,000); a proof run that would go over is refused. */
  sandboxProofsPerMonth?: number
  createClient(config: ProviderConfig, dispatcher: Dispatcher, ledger: SpendLedger): ProviderClient
}
