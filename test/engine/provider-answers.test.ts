import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { findOperation, JobError } from '../../src/engine'
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/engine/errors'
import { send } from '../../src/engine/providers/http'
import { PhotaClient } from '../../src/engine/providers/phota/client'
import { PhotoroomClient } from '../../src/engine/providers/photoroom/client'
import { PixelcutClient } from '../../src/engine/providers/pixelcut/client'
import type { ProviderRequest } from '../../src/engine/providers/types'
import { SpendLedger } from '../../src/engine/purchases/spend-ledger'
import { describeEvent } from '../../src/cli/report'
import { productPhoto } from '../helpers/images'
import { tempDir } from '../helpers/photos'
import { rejection } from '../helpers/rejection'

/** A stand-in provider on loopback: each test says how it answers. Not the simulator: these answers are ones no real service should give. */
async function fakeProvider(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ origin: string; server: Server; requests: string[] }> {
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    handler(req, res)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  servers.push(server)
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests }
}

const servers: Server[] = []
const agents: Agent[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    server.close()
  }
  await Promise.all(agents.splice(0).map((a) => a.close()))
})

function agent(): Agent {
  const a = new Agent()
  agents.push(a)
  return a
}

async function request(provider: 'photoroom' | 'pixelcut' | 'phota', name = 'photo.jpg'): Promise<Omit<ProviderRequest, 'operation' | 'values'> & { operation: NonNullable<ReturnType<typeof findOperation>> }> {
  const operation = findOperation(provider, provider === 'phota' ? 'edit' : 'remove-background')
  if (!operation) throw new Error('no operation')
  const bytes = await productPhoto({ width: 64, height: 64 })
  return { operation, image: { name, format: 'jpeg', bytes }, signal: new AbortController().signal, timeoutMs: 10_000 }
}

const urls = (origin: string) => ({ photoroom: { api: origin, sdk: origin }, pixelcut: { api: origin }, phota: { api: origin } })

describe('paid answers are bounded and must be images', () => {
  it('a 200 larger than the cap is refused while it streams, not held whole, and is final (charged, not sent again)', async () => {
    let written = 0
    let closedEarly = false
    const { origin } = await fakeProvider((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      const chunk = Buffer.alloc(1024 * 1024)
      const more = (): void => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', more)
        }
        res.end()
      }
      res.on('close', () => (closedEarly = written < 64 * 1024 * 1024))
      more()
    })
    const error = await send(agent(), { method: 'GET', url: `${origin}/big`, headers: {}, signal: new AbortController().signal, timeoutMs: 10_000, maxBodyBytes: 2 * 1024 * 1024 }, 'Pixelcut').then(
      () => null,
      (e: unknown) => e as JobError
    )
    expect(error?.kind).toBe('charged-without-result')
    expect(error?.message).toMatch(/more than 2 MB.*not sent again/)
    await new Promise((r) => setTimeout(r, 100))
    expect(closedEarly).toBe(true)
  })

  it('an error body is read only as far as a message needs', async () => {
    const { origin } = await fakeProvider((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(Buffer.alloc(5 * 1024 * 1024, 0x20))
    })
    const response = await send(agent(), { method: 'GET', url: `${origin}/err`, headers: {}, signal: new AbortController().signal, timeoutMs: 10_000 }, 'Photoroom')
    expect(response.status).toBe(400)
    expect(response.body.length).toBeLessThanOrEqual(64 * 1024)
  })

  it('Photoroom: a 200 that is not an image (an HTML page) is charged without a result, never written as a photo', async () => {
    const { origin } = await fakeProvider((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end('<html>internal</html>')
    })
    const error = await rejection(new PhotoroomClient({ key: 'k', urls: urls(origin) }, agent()).run({ ...(await request('photoroom')), values: {} }))
    expect(error.kind).toBe('charged-without-result')
    expect(error.message).toMatch(/not an image/)
  })

  it('the extension comes from the bytes, not the content type', async () => {
    const jpeg = await productPhoto({ width: 32, height: 32, format: 'jpeg' })
    const { origin } = await fakeProvider((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(jpeg)
    })
    const result = await new PhotoroomClient({ key: 'k', urls: urls(origin) }, agent()).run({ ...(await request('photoroom')), values: {} })
    expect(result.outputs[0]?.extension).toBe('jpg')
  })

  it('Photoroom is asked for the image itself, not base64 in JSON; an answer in JSON is still read', async () => {
    const png = await productPhoto({ width: 32, height: 32, format: 'png' })
    const accepted: string[] = []
    const { origin } = await fakeProvider((req, res) => {
      accepted.push(req.headers.accept ?? '')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ base64img: png.toString('base64') }))
    })
    const result = await new PhotoroomClient({ key: 'k', urls: urls(origin) }, agent()).run({ ...(await request('photoroom')), values: {} })
    expect(accepted).toEqual(['image/*'])
    expect(Buffer.from(result.outputs[0]?.bytes ?? []).equals(png)).toBe(true)
  })

  it('Phota: base64 garbage in `images` is charged without a result', async () => {
    const { origin } = await fakeProvider((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ images: [Buffer.from('not a picture!!').toString('base64')] }))
      })
    })
    const client = new PhotaClient({ key: 'k', urls: urls(origin) }, agent(), new SpendLedger(tempDir()))
    const error = await rejection(client.run({ ...(await request('phota')), values: { prompt: 'x' } }))
    expect(error.kind).toBe('charged-without-result')
  })

  it('Phota: a photo bigger than one base64 piece reaches it whole, its pieces joined into one string', async () => {
    const png = await productPhoto({ width: 32, height: 32, format: 'png' })
    const photo = randomBytes(3 * 1024 * 1024 + 1001)
    let received: Buffer | undefined
    const { origin } = await fakeProvider((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { images: string[]; prompt: string }
        received = Buffer.from(body.images[0] ?? '', 'base64')
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ images: [png.toString('base64')] }))
      })
    })
    const client = new PhotaClient({ key: 'k', urls: urls(origin) }, agent(), new SpendLedger(tempDir()))
    await client.run({ ...(await request('phota')), image: { name: 'big.jpg', format: 'jpeg', bytes: photo }, values: { prompt: 'x' } })
    expect(received?.equals(photo)).toBe(true)
  })

  it('Pixelcut: a result link to another host is not followed', async () => {
    const elsewhere = await fakeProvider((_req, res) => res.end(Buffer.from('secret')))
    const { origin } = await fakeProvider((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ result_url: `${elsewhere.origin}/internal.png` }))
      })
    })
    const error = await rejection(new PixelcutClient({ key: 'k', urls: urls(origin) }, agent()).run({ ...(await request('pixelcut')), values: {} }))
    expect(error.kind).toBe('charged-without-result')
    expect(elsewhere.requests).toEqual([])
  })

  it('Pixelcut: a result link on its own origin is followed, and what it gives must be an image', async () => {
    const png = await productPhoto({ width: 32, height: 32, format: 'png' })
    const { origin, requests } = await fakeProvider((req, res) => {
      if (req.method === 'GET') return void res.end(png)
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ result_url: `${origin}/result/1.png` }))
      })
    })
    const result = await new PixelcutClient({ key: 'k', urls: urls(origin) }, agent()).run({ ...(await request('pixelcut')), values: {} })
    expect(result.outputs[0]?.extension).toBe('png')
    expect(requests).toEqual(['POST /v1/remove-background', 'GET /result/1.png'])
  })
})

describe('names, waits and numbers from outside', () => {
  it('control characters in a file name never reach the multipart header', async () => {
    let head = ''
    const { origin } = await fakeProvider((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        head = Buffer.concat(chunks).subarray(0, 400).toString('latin1')
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end('{"error":"stop"}')
      })
    })
    await rejection(new PixelcutClient({ key: 'k', urls: urls(origin) }, agent()).run({ ...(await request('pixelcut', 'a\u001b]0;pwned\u0007b\u0001.jpg')), values: {} }))
    const disposition = /filename="([^"]*)"/.exec(head)?.[1] ?? ''
    expect(disposition).toMatch(/^a_\]0;pwned_b_\.jpg$/)
  })

  it('control characters in a file name or a reason are shown, not obeyed, on the terminal', () => {
    const line = describeEvent({ type: 'job', job: { ref: 'x', file: '/tmp/a\u001b]0;pwned\u0007.jpg', state: 'failed', attempts: 1, reason: 'bad\u001b[2J' } })
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f]/)
    expect(line).toContain('\\x1b')
  })

  it('a Retry-After beyond a day is taken as a day', () => {
    expect(parseRetryAfter('99999999')).toBe(MAX_RETRY_AFTER_MS)
    expect(parseRetryAfter('120')).toBe(120_000)
    expect(parseRetryAfter(new Date(Date.now() + 400 * 86_400_000).toUTCString())).toBe(MAX_RETRY_AFTER_MS)
  })

  it.each([
    ['1e400', /not a count/],
    ['"lots"', /not a count/],
    ['-3', /not a count/]
  ])('a balance of %s is not shown as a number', async (raw, message) => {
    const { origin } = await fakeProvider((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(`{"credits_remaining": ${raw}}`)
    })
    const error = await new PixelcutClient({ key: 'k', urls: urls(origin) }, agent()).balances().then(
      () => null,
      (e: unknown) => e as JobError
    )
    expect(error?.message).toMatch(message)
  })

  it('a run checks only the Photoroom balance it spends (each request takes a turn of the limit); the app reads both', async () => {
    const { origin, requests } = await fakeProvider((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(req.url === '/v1/account' ? '{"credits":{"available":7}}' : '{"images":{"available":3},"plan":"Pro"}')
    })
    const client = new PhotoroomClient({ key: 'k', urls: urls(origin) }, agent())
    expect(await client.balances(undefined, 'credits')).toMatchObject([{ unit: 'credits', available: 7 }])
    expect(requests.splice(0)).toEqual(['GET /v1/account'])
    expect(await client.balances(undefined, 'images')).toMatchObject([{ unit: 'images', available: 3, plan: 'Pro' }])
    expect(requests.splice(0)).toEqual(['GET /v2/account'])
    expect(await client.balances()).toMatchObject([{ unit: 'credits' }, { unit: 'images' }])
    expect(requests.splice(0).sort()).toEqual(['GET /v1/account', 'GET /v2/account'])
    // A sandbox key's plan is on /v2/account: its credits are read with it, so they are told apart from the live balance.
    const sandbox = new PhotoroomClient({ key: 'sandbox_k', urls: urls(origin) }, agent())
    expect(await sandbox.balances(undefined, 'credits')).toMatchObject([{ unit: 'credits', plan: 'Pro' }, { unit: 'images' }])
    expect(requests.sort()).toEqual(['GET /v1/account', 'GET /v2/account'])
  })

  it('a balance given as a numeric string is read', async () => {
    const { origin } = await fakeProvider((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"credits_remaining": "42"}')
    })
    expect(await new PixelcutClient({ key: 'k', urls: urls(origin) }, agent()).balances()).toMatchObject([{ available: 42 }])
  })
})

describe('a request tells the rate gate when it left on a connection', () => {
  const clients = {
    photoroom: (origin: string) => new PhotoroomClient({ key: 'k', urls: urls(origin) }, agent()),
    pixelcut: (origin: string) => new PixelcutClient({ key: 'k', urls: urls(origin) }, agent()),
    phota: (origin: string) => new PhotaClient({ key: 'k', urls: urls(origin) }, agent(), new SpendLedger(tempDir()))
  }

  it.each(['photoroom', 'pixelcut', 'phota'] as const)('%s: once, before the provider sees it; never when no connection opens', async (provider) => {
    const seenAt: number[] = []
    const { origin, server } = await fakeProvider((_req, res) => {
      seenAt.push(performance.now())
      res.writeHead(400, { 'content-type': 'application/json' }).end('{}')
    })
    const sentAt: number[] = []
    const onSent = (): number => sentAt.push(performance.now())
    await rejection(clients[provider](origin).run({ ...(await request(provider)), values: {}, onSent }))
    expect(sentAt).toHaveLength(1)
    expect(seenAt).toHaveLength(1)
    expect(sentAt[0]).toBeLessThanOrEqual(seenAt[0] as number)

    // Nothing listens any more: the request is never written, so the provider never counts it.
    server.close()
    await once(server, 'close')
    await rejection(clients[provider](origin).run({ ...(await request(provider)), values: {}, onSent }))
    expect(sentAt).toHaveLength(1)
  })
})
