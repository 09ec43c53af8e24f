import { describe, expect, it } from 'vitest'
import { Simulator } from '../../src/simulator/server'
import { DEMO_KEYS, form, NO_LIMITS, post, useSimulator, withSimulator } from '../helpers/simulator'
import { productPhoto } from '../helpers/images'

const segment = async (sim: Simulator, init: RequestInit = {}): Promise<Response> =>
  fetch(`${sim.urls.photoroom.sdk}/v1/segment`, { method: 'POST', headers: { 'x-api-key': DEMO_KEYS.photoroom }, body: form({ image_file: await productPhoto() }), ...init })
const pixelcut = async (sim: Simulator): Promise<Response> =>
  post(`${sim.urls.pixelcut.api}/v1/remove-background`, null, form({ image: await productPhoto() }), { 'X-API-KEY': DEMO_KEYS.pixelcut, accept: 'image/*' })

describe('rate limits', () => {
  it('answers 429 past the limit, with Retry-After from Photoroom and without from Pixelcut', async () => {
    await withSimulator(
      {
        profiles: {
          photoroom: { rateLimit: { requests: 3, windowMs: 60_000 }, retryAfter: true },
          pixelcut: { rateLimit: { requests: 2, windowMs: 60_000 }, retryAfter: false }
        }
      },
      async (sim) => {
        const photoroom = await Promise.all(Array.from({ length: 5 }, () => segment(sim)))
        expect(photoroom.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429])
        const limited = photoroom.find((r) => r.status === 429) as Response
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)

        const statuses = []
        for (let i = 0; i < 3; i++) statuses.push(await pixelcut(sim))
        expect(statuses.map((r) => r.status)).toEqual([200, 200, 429])
        const last = statuses[2] as Response
        expect(last.headers.get('retry-after')).toBeNull()
        expect(await last.json()).toEqual({ error: 'Too many requests', error_code: 'rate_limit_exceeded' })
        expect(sim.stats().providers.pixelcut.byStatus['429']).toBe(1)
      }
    )
  })

  it('frees slots as the window slides', async () => {
    // A window long enough that three requests fit in it on a loaded machine.
    await withSimulator({ profiles: { photoroom: { rateLimit: { requests: 2, windowMs: 2000 }, retryAfter: true } } }, async (sim) => {
      expect((await segment(sim)).status).toBe(200)
      expect((await segment(sim)).status).toBe(200)
      expect((await segment(sim)).status).toBe(429)
      await new Promise((r) => setTimeout(r, 2050))
      expect((await segment(sim)).status).toBe(200)
    })
  })

  it('caps requests in flight, and records the peak', async () => {
    await withSimulator(
      { profiles: { photoroom: { rateLimit: null, retryAfter: true, maxInFlight: 2, latencyMs: 300 } } },
      async (sim) => {
        const results = await Promise.all(Array.from({ length: 4 }, () => segment(sim)))
        expect(results.map((r) => r.status).sort()).toEqual([200, 200, 429, 429])
        expect(sim.stats().providers.photoroom.peakInFlight).toBeGreaterThanOrEqual(2)
      }
    )
  })

  it('adds the configured latency to operations', async () => {
    await withSimulator({ profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 250 } } }, async (sim) => {
      const started = performance.now()
      await segment(sim)
      expect(performance.now() - started).toBeGreaterThanOrEqual(240)
    })
  })
})

describe('faults', () => {
  const sim = useSimulator(NO_LIMITS)

  it('answers scripted 5xx in each provider’s own shape, without charging', async () => {
    sim.current.queueFaults('photoroom', ['serverError'])
    sim.current.queueFaults('pixelcut', ['serverError'])
    const before = sim.current.stats().balances
    const photoroom = await segment(sim.current)
    expect(photoroom.status).toBe(500)
    expect(await photoroom.json()).toEqual({ error: { message: expect.any(String) } })
    const px = await pixelcut(sim.current)
    expect(px.status).toBe(500)
    expect(sim.current.stats().balances).toEqual(before)
  })

  it('cuts a connection mid-body after charging, as a real server that finished the work would', async () => {
    sim.current.queueFaults('photoroom', ['reset'])
    const before = sim.current.stats().balances['photoroom:photoroom-demo'] as number
    const res = await segment(sim.current)
    expect(res.status).toBe(200)
    await expect(res.arrayBuffer()).rejects.toThrow()
    expect(sim.current.stats().balances['photoroom:photoroom-demo']).toBe(before - 1)
    expect(sim.current.stats().providers.photoroom.faults.reset).toBe(1)
  })

  it('never answers a stalled request; the client must time out', async () => {
    sim.current.queueFaults('phota', ['stall'])
    const request = post(`${sim.current.urls.phota.api}/v1/phota/edit`, DEMO_KEYS.phota, { prompt: 'x', images: [(await productPhoto()).toString('base64')] }, {})
    const outcome = await Promise.race([request.then(() => 'answered'), new Promise((r) => setTimeout(() => r('still waiting'), 500))])
    expect(outcome).toBe('still waiting')
    expect(sim.current.stats().providers.phota.faults.stall).toBe(1)
  })

  it('answers an injected 429 through the admin endpoint', async () => {
    const admin = await fetch(`${sim.current.urls.pixelcut.api}/__simulator/faults`, { method: 'POST', body: JSON.stringify({ provider: 'pixelcut', faults: ['rateLimit'] }) })
    expect(admin.status).toBe(200)
    expect((await pixelcut(sim.current)).status).toBe(429)
    expect((await pixelcut(sim.current)).status).toBe(200)
  })

  it('injects random faults deterministically for a given seed', async () => {
    const options = { seed: 42, profiles: { pixelcut: { rateLimit: null, retryAfter: false, faults: { serverError: 0.3 } } } }
    const run = (): Promise<number[]> =>
      withSimulator(options, async (s) => {
        const statuses: number[] = []
        for (let i = 0; i < 12; i++) statuses.push((await pixelcut(s)).status)
        return statuses
      })
    const first = await run()
    expect(first).toContain(500)
    expect(first).toContain(200)
    expect(await run()).toEqual(first)
  })
})

describe('credits', () => {
  const sim = useSimulator(NO_LIMITS)
  const setBalance = (provider: string, label: string, balance: number): Promise<Response> =>
    fetch(`${sim.current.urls.photoroom.api}/__simulator/balance`, { method: 'POST', body: JSON.stringify({ provider, label, balance }) })

  it('answers Photoroom 402 in each host’s shape, Pixelcut 403 and Phota 402, then works after a top-up', async () => {
    await setBalance('photoroom', 'photoroom-demo', 0)
    await setBalance('pixelcut', 'pixelcut-demo', 3)
    await setBalance('phota', 'phota-demo', 1)
    const seg = await segment(sim.current)
    expect(seg.status).toBe(402)
    expect(await seg.json()).toMatchObject({ status_code: 402, detail: expect.stringContaining('credits') })
    const edit = await post(`${sim.current.urls.photoroom.api}/v2/edit`, DEMO_KEYS.photoroom, form({ imageFile: await productPhoto() }))
    expect(edit.status).toBe(402)
    expect(await edit.json()).toEqual({ error: { detail: expect.stringContaining('API credits exhausted') } })
    const shadow = await post(`${sim.current.urls.pixelcut.api}/v1/remove-background`, null, form({ image: await productPhoto(), shadow: 'true' }), { 'X-API-KEY': DEMO_KEYS.pixelcut })
    expect(shadow.status).toBe(403)
    expect(await shadow.json()).toEqual({ error: 'Insufficient credits available', error_code: 'insufficient_api_credits' })
    const phota = await post(`${sim.current.urls.phota.api}/v1/phota/edit`, DEMO_KEYS.phota, { prompt: 'x', images: [(await productPhoto()).toString('base64')], num_output_images: 2 })
    expect(phota.status).toBe(402)

    await setBalance('photoroom', 'photoroom-demo', 10)
    expect((await segment(sim.current)).status).toBe(200)
  })

  it('never lets concurrent requests overspend a balance', async () => {
    await setBalance('photoroom', 'photoroom-demo', 3)
    const results = await Promise.all(Array.from({ length: 8 }, () => segment(sim.current)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(3)
    expect(results.filter((r) => r.status === 402)).toHaveLength(5)
    expect(sim.current.stats().balances['photoroom:photoroom-demo']).toBe(0)
  })
})
