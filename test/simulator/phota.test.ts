import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, NO_LIMITS, post, useSimulator } from '../helpers/simulator'
import { decode, productPhoto } from '../helpers/images'

const sim = useSimulator(NO_LIMITS)
const edit = (body: object, key: string | null = DEMO_KEYS.phota) => post(`${sim.current.urls.phota.api}/v1/phota/edit`, key, body)
const image = async (): Promise<string> => (await productPhoto()).toString('base64')

describe('Phota /v1/phota/edit', () => {
  it('returns the requested number of base64 images in the requested format, with X-Request-Id', async () => {
    const res = await edit({ prompt: 'warm evening light', images: [await image()], num_output_images: 3, output_format: 'jpg', aspect_ratio: '1:1' })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/)
    const body = (await res.json()) as { images: string[]; download_urls: string[]; known_subjects: object }
    expect(body.images).toHaveLength(3)
    expect(body.download_urls).toEqual([])
    expect(body.known_subjects).toEqual({ counts: {} })
    for (const b64 of body.images) expect(await decode(Buffer.from(b64, 'base64'))).toMatchObject({ format: 'jpeg', width: 1024, height: 1024 })
  })

  it('returns signed download URLs in urls mode', async () => {
    const res = await edit({ prompt: 'studio', images: [await image()], num_output_images: 2, response_mode: 'urls', resolution: '2K' })
    const body = (await res.json()) as { images: string[]; download_urls: string[] }
    expect(body.images).toEqual([])
    expect(body.download_urls).toHaveLength(2)
    const jpeg = await fetch(body.download_urls[0] as string)
    expect(await decode(Buffer.from(await jpeg.arrayBuffer()))).toMatchObject({ format: 'jpeg' })
  })

  it('charges per output image', async () => {
    const balance = (): number => sim.current.stats().balances['phota:phota-demo'] as number
    const before = balance()
    await edit({ prompt: 'x', images: [await image()], num_output_images: 4 })
    expect(balance()).toBe(before - 4)
  })

  it.each([
    ['too many outputs', { num_output_images: 5 }, 'num_output_images'],
    ['an unknown aspect ratio', { aspect_ratio: '2:1' }, 'aspect_ratio'],
    ['more than 10 images', { images: Array.from({ length: 11 }, () => 'aGVsbG8=') }, 'images']
  ])('answers %s with 422 {detail: [{loc, msg, type}]}', async (_label, patch, field) => {
    const res = await edit({ prompt: 'x', images: [await image()], ...patch })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { detail: { loc: string[]; msg: string; type: string }[] }
    expect(body.detail[0]?.loc).toEqual(['body', field])
  })

  it('answers invalid JSON with 422', async () => {
    const res = await fetch(`${sim.current.urls.phota.api}/v1/phota/edit`, { method: 'POST', headers: { 'X-API-Key': DEMO_KEYS.phota, 'content-type': 'application/json' }, body: '{nope' })
    expect(res.status).toBe(422)
  })

  it.each([
    ['quality on a model other than gpt-image-2', { quality: 'high', base_model: 'nb2' }],
    ['4K on reve', { resolution: '4K', base_model: 'reve' }],
    ['no images', { images: [] }],
    // base_model: "Unknown ids are rejected with 400"
    ['an unknown base model', { base_model: 'dalle' }],
    ['an undecodable image', { images: ['bm90IGFuIGltYWdl'] }]
  ])('rejects %s with 400 INVALID_REQUEST and the request id', async (_label, patch) => {
    const res = await edit({ prompt: 'x', images: [await image()], ...patch })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { code: string; request_id: string }
    expect(body.code).toBe('INVALID_REQUEST')
    expect(body.request_id).toBe(res.headers.get('x-request-id'))
  })

  it('answers unknown profiles with 404 and a bad key with 401', async () => {
    const missing = await edit({ prompt: 'x', images: [await image()], profile_ids: ['abc'] })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 'PROFILE_NOT_FOUND' })
    expect((await edit({ prompt: 'x', images: [await image()] }, 'phota_wrong_0000')).status).toBe(401)
  })
})
