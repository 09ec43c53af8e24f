import { EVENTS, REQUESTS, imagePath, type EventName, type ImageRef, type RequestName } from './channels'
import type { Envelope, EventPayload, RequestInput, RequestOutput } from './contract'

/** Carries only paths the preload read from dropped files: the window cannot call it with its own. */
type DropRequest = 'addDropped'

/** What the renderer sees as `window.proofsheet`: one function per request, one subscription per event. */
export type ProofsheetApi = {
  [K in Exclude<RequestName, DropRequest>]: (input: RequestInput<K>) => Promise<Envelope<RequestOutput<K>>>
} & {
  on: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void }
  imageUrl(ref: ImageRef): string
  /** Adds dropped files and folders: their paths are read here, outside the page's reach. */
  dropped(files: File[]): Promise<Envelope<RequestOutput<DropRequest>>>
}

export interface Transport {
  invoke(channel: RequestName, input: unknown): Promise<unknown>
  /** Returns the function that removes the listener. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
  imageBase: string
  /** The file system path of a dropped file ('' when it has none): Electron's webUtils.getPathForFile. */
  pathOf(file: File): string
}

/** Builds the exposed object from the channel lists, so preload and the harness expose the same shape. */
export function createBridge(transport: Transport): ProofsheetApi {
  const requests = Object.fromEntries(REQUESTS.filter((name) => name !== 'addDropped').map((name) => [name, (input: unknown) => transport.invoke(name, input)]))
  const on = Object.fromEntries(EVENTS.map((name) => [name, (listener: (payload: unknown) => void) => transport.subscribe(name, listener)]))
  return Object.freeze({
    ...requests,
    on: Object.freeze(on),
    imageUrl: (ref: ImageRef) => transport.imageBase + imagePath(ref),
    dropped: (files: File[]) => transport.invoke('addDropped', { paths: files.map((file) => transport.pathOf(file)).filter(Boolean) })
  }) as ProofsheetApi
}
