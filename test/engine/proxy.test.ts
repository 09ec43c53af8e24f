import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { request } from 'undici'
import { afterEach, expect, test } from 'vitest'
import { createDispatcher } from '../../src/engine/providers/http'

const saved = { HTTP_PROXY: process.env['HTTP_PROXY'], NO_PROXY: process.env['NO_PROXY'] }
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

test('requests go through the proxy the environment names (HTTP_PROXY), as on a network that allows no direct connection', async () => {
  const seen: string[] = []
  // A proxy on loopback that tunnels (CONNECT, as undici asks) to a host no direct connection could reach.
  const farHost = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} (host ${req.headers.host})`)
    res.end('answered through the proxy')
  })
  const proxy = createServer().listen(0, '127.0.0.1')
  proxy.on('connect', (req, socket: Duplex) => {
    seen.push(`CONNECT ${req.url}`)
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    farHost.emit('connection', socket)
  })
  await once(proxy, 'listening')
  process.env['HTTP_PROXY'] = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  delete process.env['NO_PROXY']
  const dispatcher = createDispatcher(2)
  try {
    const answer = await request('http://api.example.invalid/v1/account', { dispatcher })
    expect(await answer.body.text()).toBe('answered through the proxy')
    expect(seen).toEqual(['CONNECT api.example.invalid:80', 'GET /v1/account (host api.example.invalid)'])
  } finally {
    await dispatcher.close()
    proxy.close()
  }
})
