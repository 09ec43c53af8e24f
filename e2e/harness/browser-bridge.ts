import { createBridge } from '../../src/shared/ipc/bridge'
import { EVENTS, type EventName } from '../../src/shared/ipc/channels'

/**
 * The test transport's stand-in for the preload: the same `window.proofsheet` object, carried over
 * HTTP (requests) and server-sent events (events) instead of Electron IPC.
 */
const listeners = new Map<EventName, Set<(payload: unknown) => void>>(EVENTS.map((e) => [e, new Set()]))
const source = new EventSource('/events')
for (const event of EVENTS) {
  source.addEventListener(event, (message) => {
    const payload: unknown = JSON.parse((message as MessageEvent<string>).data)
    for (const listener of listeners.get(event) ?? []) listener(payload)
  })
}

/**
 * A browser cannot read a dropped file's path: tests name the path of each file they drop here, by
 * the file's name, before dispatching a synthetic drop (test code only).
 */
const dropPaths = new Map<string, string>()
Object.defineProperty(window, 'proofsheetHarness', { value: Object.freeze({ dropPath: (name: string, path: string) => void dropPaths.set(name, path) }) })

Object.defineProperty(window, 'proofsheet', {
  value: createBridge({
    async invoke(channel, input) {
      const response = await fetch(`/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? null) })
      return response.json()
    },
    subscribe(event, listener) {
      listeners.get(event)?.add(listener)
      return () => void listeners.get(event)?.delete(listener)
    },
    imageBase: '/image/',
    pathOf: (file) => dropPaths.get(file.name) ?? ''
  })
})
