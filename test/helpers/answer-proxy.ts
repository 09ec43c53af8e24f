import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface AnswerProxy {
  url: string
  /** Paid answers replaced so far. */
  replaced: number
  /** Bytes of the replacement actually sent before the client hung up. */
  sentBytes: number
  close(): Promise<void>
}

const GIGABYTE = 1024 ** 3

/**
 * Streams `total` bytes that begin like a PNG, only as fast as the client reads, until it hangs up:
 * a provider answering a paid request with a runaway body, without this process holding it.
 */
function runaway(res: ServerResponse, total: number, sent: (n: number) => void): void {
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(total) })
  const chunk = Buffer.alloc(1024 * 1024)
  Buffer.from('89504e470d0a1a0a', 'hex').copy(chunk)
  let written = 0
  let gone = false
  res.on('close', () => (gone = true))
  const more = (): void => {
    while (!gone && written < total) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - written))
      written += part.length
      sent(part.length)
      if (!res.write(part)) return void res.once('drain', more)
    }
    if (!gone) res.end()
  }
  more()
}

/**
 * A loopback stand-in for the network between us and a simulator host: requests go through to the
 * simulator (which does the work and charges it), and while `replace()` says so a 200's body is
 * swapped for a 2 GB one. What the simulator counted stays the truth about what was paid.
 */
export async function answerProxy(target: string, replace: () => boolean): Promise<AnswerProxy> {
  const proxy: AnswerProxy = { url: '', replaced: 0, sentBytes: 0, close: async () => undefined }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      if (answer.statusCode === 200 && replace()) {
        proxy.replaced++
        answer.resume()
        return runaway(res, 2 * GIGABYTE, (n) => (proxy.sentBytes += n))
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return proxy
}
