import type { BatchEvent } from '../batch/events'
import type { ProviderOperation } from '../providers/registry'
import type { ProviderSession } from './provider-session'

/** What a worker tells besides the items' own changes (those come from the store). */
export type WorkerEvent = Exclude<BatchEvent, { type: 'job' }>

/** How a worker runs, set when it is made. */
export interface WorkerSettings {
  /** Check and price everything; send nothing. */
  dryRun?: boolean
  /** Headless: when credits run out, end the provider's items instead of waiting for a top-up. */
  stopWhenCreditsRunOut?: boolean
  /** Headless: when the provider stays unreachable (or asks for a long wait) this long, end its items. */
  stopWhenUnreachableForMs?: number
  /** Headless: when a paid answer can be saved nowhere (a full disk), end every item not yet sent; otherwise the lanes pause until Resume. */
  stopWhenNotSaved?: boolean
  /** Overrides each operation's request timeout. */
  timeoutMs?: number
  /** Where the app keeps its own copy of each result (see keepCopies). */
  keepCopiesIn?: string
}

/** A provider stopped for every photo: its key was refused, its credits ran out (headless), it stayed away, a paid answer could not be saved (headless). */
export interface ProviderStop {
  because: 'credits' | 'auth' | 'unreachable' | 'not-saved'
  message: string
}

/** What an item needs of its provider: the open session, its operation and one photo's price with that key. */
export interface ItemSetup {
  session: ProviderSession
  operation: ProviderOperation
  cost: number
}
