import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator/server'
import { DEMO_KEYS, form, withSimulator } from '../helpers/simulator'
import { productPhoto } from '../helpers/images'

/** A request on the wire is a purchase: a real service finishes the work of a client that hung up, and charges it. */
const SLOW = { profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 1000 } } }

const settled = async (sim: Simulator): Promise<void> => {
  while (sim.stats().providers.photoroom.working > 0) await new Promise((r) => setTimeout(r, 20))
}

/** The whole request is written (handed to the loopback socket), then the client goes away before the answer. */
async function hangUpAfterSending(sim: Simulator): Promise<void> {
  const { port } = new URL(sim.urls.photoroom.api)
  const body = new Response(form({ imageFile: await productPhoto() }))
  const bytes = Buffer.from(await body.arrayBuffer())
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v2/edit', headers: { 'x-api-key': DEMO_KEYS.photoroom, 'content-type': body.headers.get('content-type') as string, 'content-length': String(bytes.length) } })
  req.on('error', () => undefined)
  await new Promise<void>((sent) => req.end(bytes, sent))
  while (sim.stats().providers.photoroom.working === 0) await new Promise((r) => setTimeout(r, 10))
  req.destroy()
  await settled(sim)
}

describe('a client that hangs up', () => {
  it('is charged by default once its request was sent: the work goes on (afterHangUp: finish)', async () => {
    await withSimulator(SLOW, async (sim) => {
      await hangUpAfterSending(sim)
      const stats = sim.stats()
      expect(stats.balances['photoroom:photoroom-demo']).toBe(995)
      expect(stats.providers.photoroom.chargedAfterHangUp).toBe(1)
    })
  })

  it('is not charged with afterHangUp: stop', async () => {
    await withSimulator({ ...SLOW, afterHangUp: 'stop' }, async (sim) => {
      await hangUpAfterSending(sim)
      expect(sim.stats().balances['photoroom:photoroom-demo']).toBe(1000)
    })
  })

  it('is never charged for an upload abandoned mid-body', async () => {
    await withSimulator({ profiles: { photoroom: { rateLimit: null, retryAfter: true } } }, async (sim) => {
      const { port } = new URL(sim.urls.photoroom.api)
      const body = Buffer.from(`--b\r\ncontent-disposition: form-data; name="imageFile"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`)
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v2/edit', headers: { 'x-api-key': DEMO_KEYS.photoroom, 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(body.length + 500_000) } })
      req.on('error', () => undefined)
      req.write(Buffer.concat([body, (await productPhoto()).subarray(0, 1000)]))
      while (sim.stats().providers.photoroom.working === 0) await new Promise((r) => setTimeout(r, 10))
      req.destroy()
      await settled(sim)
      expect(sim.stats().balances['photoroom:photoroom-demo']).toBe(1000)
      expect(sim.stats().providers.photoroom.charged).toBe(0)
    })
  })
})
