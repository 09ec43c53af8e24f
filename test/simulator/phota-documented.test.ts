import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, NO_LIMITS, post, useFileServer, useSimulator } from '../helpers/simulator'
import { decode, productPhoto } from '../helpers/images'

/** POST /v1/phota/edit as seed 004 documents it. */
const sim = useSimulator({ ...NO_LIMITS, photaProfiles: [{ id: 'ana' }, { id: 'ben', readyAfterMs: 60_000 }, { id: 'dora', notReadyTimes: 2 }] })
const files = useFileServer(async () => ({ '/portrait.webp': { body: await productPhoto({ format: 'webp' }), type: 'image/webp' } }))
const edit = (body: object) => post(`${sim.current.urls.phota.api}/v1/phota/edit`, DEMO_KEYS.phota, body)
const image = async (): Promise<string> => (await productPhoto()).toString('base64')
const outputs = async (res: Response): Promise<Buffer[]> => ((await res.json()) as { images: string[] }).images.map((b) => Buffer.from(b, 'base64'))

describe('Phota edit, as documented', () => {
  it('answers JPEG bytes when output_format is left out: "Default: png (will change to jpg on 2026-05-08)"', async () => {
    const res = await edit({ prompt: 'soft light', images: [await image()], num_output_images: 2 })
    expect(res.status).toBe(200)
    for (const bytes of await outputs(res)) expect((await decode(bytes)).format).toBe('jpeg')
  })

  it('answers PNG bytes when png is asked: "Format matches the requested output_format"', async () => {
    const res = await edit({ prompt: 'soft light', images: [await image()], output_format: 'png' })
    for (const bytes of await outputs(res)) expect((await decode(bytes)).format).toBe('png')
  })

  it("takes an empty prompt, the documented default ''", async () => {
    expect((await edit({ images: [await image()] })).status).toBe(200)
    expect((await edit({ prompt: '', images: [await image()] })).status).toBe(200)
  })

  it('answers an unknown base_model with 400 INVALID_REQUEST: "Unknown ids are rejected with 400"', async () => {
    const before = sim.current.stats().balances['phota:phota-demo']
    const res = await edit({ prompt: 'x', images: [await image()], base_model: 'nano-banana-9' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'INVALID_REQUEST', detail: expect.stringContaining('base_model') })
    expect(sim.current.stats().balances['phota:phota-demo']).toBe(before)
  })

  it('downloads image URLs ("publicly accessible URLs … auto-detected") and fails one it cannot reach', async () => {
    const ok = await edit({ prompt: 'x', images: [files.current.url('/portrait.webp')] })
    expect(ok.status).toBe(200)
    expect(files.current.hits['/portrait.webp']).toBe(1)
    const missing = await edit({ prompt: 'x', images: [await image(), files.current.url('/nobody.jpg')] })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({ code: 'INVALID_REQUEST', detail: expect.stringContaining('images[1]') })
  })

  it('answers 404 PROFILE_NOT_READY for a profile still training, then works once it is ready, uncharged meanwhile', async () => {
    const before = sim.current.stats().balances['phota:phota-demo'] as number
    const body = { prompt: 'Turn [[ben]] into a painter', images: [await image()], profile_ids: ['ben'] }
    const waiting = await edit(body)
    expect(waiting.status).toBe(404)
    expect(await waiting.json()).toMatchObject({ code: 'PROFILE_NOT_READY', request_id: waiting.headers.get('x-request-id') })
    expect(sim.current.stats().balances['phota:phota-demo']).toBe(before)
    sim.current.setPhotaProfile('ben')
    const ready = await edit(body)
    expect(ready.status).toBe(200)
    expect(((await ready.json()) as { known_subjects: unknown }).known_subjects).toEqual({ counts: { ben: 1 } })
  })

  it('can stay not ready for a number of edits, whatever the timing', async () => {
    const body = { prompt: '[[dora]] at the beach', images: [await image()], profile_ids: ['dora'] }
    expect((await edit(body)).status).toBe(404)
    expect((await edit(body)).status).toBe(404)
    expect((await edit(body)).status).toBe(200)
  })

  it('answers 404 PROFILE_NOT_FOUND for an id the account does not hold', async () => {
    const res = await edit({ prompt: 'x', images: [await image()], profile_ids: ['ana', 'zed'] })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'PROFILE_NOT_FOUND' })
  })

  it('sets a profile through the admin endpoint', async () => {
    const admin = await fetch(`${sim.current.urls.phota.api}/__simulator/phota-profile`, { method: 'POST', body: JSON.stringify({ id: 'cleo' }) })
    expect(admin.status).toBe(200)
    expect((await edit({ prompt: 'x', images: [await image()], profile_ids: ['cleo'] })).status).toBe(200)
  })
})
