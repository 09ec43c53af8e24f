import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { Simulator } from '../../src/simulator/server'
import { DEMO_KEYS, type SimulatorOptionsInput } from '../../src/simulator/options'

export { DEMO_KEYS }

/** Starts a simulator for the test file and stops it afterwards. */
export function useSimulator(options: SimulatorOptionsInput = {}): { current: Simulator } {
  const ref = { current: undefined as unknown as Simulator }
  beforeAll(async () => {
    ref.current = await new Simulator(options).start()
  })
  afterAll(async () => {
    await ref.current?.close()
  })
  return ref
}

/** A simulator for one test, closed however the test ends. */
export async function withSimulator<T>(options: SimulatorOptionsInput, run: (sim: Simulator) => Promise<T>): Promise<T> {
  const sim = await new Simulator(options).start()
  try {
    return await run(sim)
  } finally {
    await sim.close()
  }
}

export function form(fields: Record<string, string | Buffer>): FormData {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    if (Buffer.isBuffer(value)) body.append(name, new Blob([new Uint8Array(value)]), `${name}.bin`)
    else body.append(name, value)
  }
  return body
}

export async function post(url: string, key: string | null, body: FormData | object, headers: Record<string, string> = {}): Promise<Response> {
  const isForm = body instanceof FormData
  return fetch(url, {
    method: 'POST',
    headers: {
      ...(key === null ? {} : { 'x-api-key': key }),
      ...(isForm ? {} : { 'content-type': 'application/json' }),
      ...headers
    },
    body: isForm ? body : JSON.stringify(body)
  })
}

/** No test may leave the photoroom demo account without the balance it needs; start it from a known value. */
export const NO_LIMITS = {
  profiles: {
    photoroom: { rateLimit: null, retryAfter: true },
    pixelcut: { rateLimit: null, retryAfter: false },
    phota: { rateLimit: null, retryAfter: true }
  }
} satisfies SimulatorOptionsInput

export interface ServedFile {
  body: Buffer | string
  type?: string
  status?: number
}

export interface FileServer {
  url(path: string): string
  /** Requests per path, to show a URL was (or was not) fetched. */
  hits: Record<string, number>
  close(): Promise<void>
}

/** A loopback server handing out files by path, like the web host of a shop's catalog; anything else is a 404. */
export async function startFileServer(files: Record<string, ServedFile>): Promise<FileServer> {
  const hits: Record<string, number> = {}
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    hits[path] = (hits[path] ?? 0) + 1
    const file = files[path]
    if (!file) return res.writeHead(404).end('not found')
    res.writeHead(file.status ?? 200, { 'content-type': file.type ?? 'application/octet-stream' }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** A file server for the test file, stopped afterwards. */
export function useFileServer(files: () => Promise<Record<string, ServedFile>>): { current: FileServer } {
  const ref = { current: undefined as unknown as FileServer }
  beforeAll(async () => {
    ref.current = await startFileServer(await files())
  })
  afterAll(async () => {
    await ref.current?.close()
  })
  return ref
}
