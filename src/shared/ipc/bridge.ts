import { EVENTS, REQUESTS, imagePath, type EventName, type ImageRef, type RequestName } from './channels'
import type { Envelope, EventPayload, RequestInput, RequestOutput } from './contract'

/** What the renderer sees as `window.proofsheet`: one function per request, one subscription per event. */
export type ProofsheetApi = {
  [K in RequestName]: (input: RequestInput<K>) => Promise<Envelope<RequestOutput<K>>>
} & {
  on: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void }
  imageUrl(ref: ImageRef): string
}

export interface Transport {
  invoke(channel: RequestName, input: unknown): Promise<unknown>
  /** Returns the function that removes the listener. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
  imageBase: string
}

/** Builds the exposed object from the channel lists, so preload and the harness expose the same shape. */
export function createBridge(transport: Transport): ProofsheetApi {
  const requests = Object.fromEntries(REQUESTS.map((name) => [name, (input: unknown) => transport.invoke(name, input)]))
  const on = Object.fromEntries(EVENTS.map((name) => [name, (listener: (payload: unknown) => void) => transport.subscribe(name, listener)]))
  return Object.freeze({
    ...requests,
    on: Object.freeze(on),
    imageUrl: (ref: ImageRef) => transport.imageBase + imagePath(ref)
  }) as ProofsheetApi
}
