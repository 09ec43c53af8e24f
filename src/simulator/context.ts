import type { IncomingMessage } from 'node:http'
import type { Account, Accounts } from './accounts'
import type { Reply } from './http-io'
import type { Provider, SimulatorOptions } from './options'
import type { PhotaProfiles } from './phota/profiles'
import type { ReceivedRequest } from './request-log'
import type { ResultStore } from './results'
import type { Stats } from './stats'

/** State shared by every listener of one simulator. */
export interface SimulatorState {
  options: SimulatorOptions
  accounts: Accounts
  stats: Stats
  results: ResultStore
  random: Record<Provider, () => number>
  photaProfiles: PhotaProfiles
}

export interface OperationRequest {
  req: IncomingMessage
  /** The whole request body, received before any work starts, as a service's front end does. */
  body: Buffer
  url: URL
  account: Account
  state: SimulatorState
  /** This listener's origin, for URLs the response hands out. */
  origin: string
  /**
   * Debits the account and records the charge; false when the balance does not cover it. With
   * `afterHangUp: 'stop'` it throws ClientGone instead when the client has already hung up.
   */
  charge(amount: number): boolean
  /** Records what the request carried (its fields, files or JSON body) in the request log. */
  received(carried: Pick<ReceivedRequest, 'fields' | 'files' | 'json'>): void
}

export interface Route {
  method: 'GET' | 'POST'
  path: string
  /** Operations cost credits and are subject to fault injection; account queries are not. */
  operation: boolean
  /** Photoroom's account endpoints answer a missing key with 400 rather than 403. */
  missingKeyStatus?: number
  handle(request: OperationRequest): Promise<Reply>
}

/** How one provider words its refusals. */
export interface ProviderErrors {
  unauthorized(missing: boolean, route: Route): Reply
  rateLimited(retryAfterSeconds: number | null): Reply
  serverError(random: () => number): Reply
  notFound(): Reply
}

export interface ProviderDefinition {
  provider: Provider
  authHeader: string
  errors: ProviderErrors
}
