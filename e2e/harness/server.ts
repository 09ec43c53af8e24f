import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import Conf from 'conf'
import { build } from 'esbuild'
import type { EventName } from '../../src/shared/ipc/channels'
import { eventSchemas, type EventPayload, type Settings } from '../../src/shared/ipc/contract'
import type { ProviderUrls } from '../../src/engine/providers/registry'
import { createApp, type App } from '../../src/main/app/create-app'
import type { PickerPurpose } from '../../src/main/handlers/context'
import { dispatch } from '../../src/main/ipc/dispatch'
import { settingsStoreOptions } from '../../src/main/settings/settings'
import pkg from '../../package.json' with { type: 'json' }
import { assertCloneable } from '../../test/helpers/ipc-clone'

export interface HarnessOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string
  dataDir: string
  stateDir: string
  keychainService: string
  urls: ProviderUrls
  /** What the native pickers answer, since a browser cannot show one: the same paths each time, or per purpose. */
  pickPaths?: string[] | ((purpose: PickerPurpose) => string[])
  /**
   * Whether the page may type paths (the default here, for convenience). Off, it is held to the app's
   * rule: paths come only from the pickers above, a drop, or what main already holds.
   */
  typedPaths?: boolean
  port?: number
  /** Lets product CSVs name photos on this machine: the spec's shop serves them on loopback. */
  allowLoopbackUrls?: boolean
}

export interface Harness {
  url: string
  app: App
  /** Every event main sent, in order, each already checked against the contract. */
  sent: { event: EventName; payload: unknown }[]
  /** Sends an event as main would (a notice a test needs on screen), checked like main's own. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  close(): Promise<void>
}

const STATIC_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' }
const BRIDGE = fileURLToPath(new URL('./browser-bridge.ts', import.meta.url))

/**
 * The test transport: the real main-process services (catalog, keychain, queue, settings) behind the
 * same contract, carried over HTTP and server-sent events to the built renderer in a plain browser.
 * Test code only; it binds 127.0.0.1 and is never shipped.
 */
export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const streams = new Set<ServerResponse>()
  const sent: Harness['sent'] = []
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    // Every event is checked against the contract, so the e2e tests catch a main that breaks it.
    assertCloneable(payload, `The ${event} event`)
    const checked = eventSchemas[event].parse(payload)
    sent.push({ event, payload: checked })
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(checked)}\n\n`)
  }
  const app = await createApp({
    dataDir: o.dataDir,
    stateDir: o.stateDir,
    keychainService: o.keychainService,
    openSettingsStore: () => new Conf<Settings>({ ...settingsStoreOptions(), cwd: o.dataDir, projectVersion: pkg.version }),
    urls: o.urls,
    emit,
    shell: {
      pickPaths: async (purpose) => (typeof o.pickPaths === 'function' ? o.pickPaths(purpose) : (o.pickPaths ?? [])),
      showInFolder: (path) => console.log(`(harness) would show ${path} in its folder`),
      openExternal: (url) => console.log(`(harness) would open ${url}`)
    },
    typedPaths: o.typedPaths ?? true,
    allowLoopbackUrls: o.allowLoopbackUrls ?? false
  })
  const bridge = (await build({ entryPoints: [BRIDGE], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120' })).outputFiles[0]?.text ?? ''
  const index = (await readFile(join(o.rendererDir, 'index.html'), 'utf8')).replace('</head>', '  <script src="/__harness/bridge.js"></script>\n  </head>')

  const server = createServer((req, res) => {
    void route(req, res).catch((error: Error) => {
      console.error(error)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
      let input: unknown
      try {
        input = JSON.parse((await readBody(req)) || 'null') ?? undefined
      } catch {
        return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: { code: 'invalid-input', message: 'The request body is not JSON.' } }))
      }
      const answer = await dispatch(app.handlers, url.pathname.slice(5), input)
      assertCloneable(answer, `The answer to ${url.pathname.slice(5)}`)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
      return
    }
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    if (url.pathname.startsWith('/image/')) {
      const found = await app.images.resolve(url.pathname.slice(7))
      if (found.status !== 200) return void res.writeHead(404).end()
      res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-cache' })
      // A page that stops reading (a tile scrolled away) closes the file too: pipe alone would leave it open.
      pipeline(createReadStream(found.path), res).catch(() => undefined)
      return
    }
    if (url.pathname === '/__harness/bridge.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bridge)
    if (url.pathname === '/' || url.pathname === '/index.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(index)
    const file = normalize(join(o.rendererDir, decodeURIComponent(url.pathname)))
    if (!file.startsWith(o.rendererDir + sep)) return void res.writeHead(404).end()
    const data = await readFile(file).catch(() => null)
    if (!data) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream' }).end(data)
  }

  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    app,
    sent,
    emit,
    async close() {
      for (const stream of streams) stream.end()
      // Main still publishes while it closes (the run finished, the queue's last state): to nobody now.
      streams.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await app.close()
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
