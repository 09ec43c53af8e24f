import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A shop's image host on loopback: files by path, each with an ETag a test can change; it answers If-None-Match with 304. */
export interface PhotoServer {
  origin: string
  /** Serves `bytes` (or a file's) at `path` under `etag`; returns its address. */
  put(path: string, source: Buffer | string, etag: string): string
  /** Every request, as `GET /path 200`. */
  log: string[]
  close(): Promise<void>
}

export async function startPhotoServer(): Promise<PhotoServer> {
  const files = new Map<string, { bytes: Buffer; etag: string }>()
  const log: string[] = []
  const server = createServer((req, res) => {
    const file = files.get(req.url ?? '')
    const status = !file ? 404 : req.headers['if-none-match'] === file.etag ? 304 : 200
    log.push(`${req.method} ${req.url} ${status}`)
    if (!file) return res.writeHead(404).end()
    if (status === 304) return res.writeHead(304, { etag: file.etag }).end()
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': file.bytes.length, etag: file.etag }).end(file.bytes)
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    log,
    put(path, source, etag) {
      files.set(path, { bytes: typeof source === 'string' ? readFileSync(source) : source, etag })
      return `${origin}${path}`
    },
    close: () => new Promise<void>((closed) => server.close(() => closed()))
  }
}
