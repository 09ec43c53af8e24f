import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, form, NO_LIMITS, post, useSimulator } from '../helpers/simulator'
import { decode, productPhoto } from '../helpers/images'

const sim = useSimulator({ ...NO_LIMITS, sandbox: { perDay: 2, perMonth: 1000 } })
const edit = async (fields: Record<string, string | Buffer>, headers: Record<string, string> = {}, key: string = DEMO_KEYS.photoroom) =>
  post(`${sim.current.urls.photoroom.api}/v2/edit`, key, form({ imageFile: await productPhoto(), ...fields }), headers)
/** A placeholder: these requests are refused before any image is read. */
const BACKGROUND = Buffer.from('not read')
const errorMessage = async (res: Response): Promise<string> => ((await res.json()) as { error: { message: string } }).error.message

describe('Photoroom /v2/edit', () => {
  it('renders the requested size, format and background, and keeps the documented headers', async () => {
    const res = await edit({ 'background.color': 'FFFFFF', outputSize: '600x600', 'export.format': 'webp', 'background.prompt': 'on a beach', padding: '0.1' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/webp')
    expect(res.headers.get('pr-ai-background-seed')).toMatch(/^\d+$/)
    // The document lists pr-edit-further-url among GET's response headers only (photoroom-edit-get.test.ts).
    expect(res.headers.get('pr-edit-further-url')).toBeNull()
    expect(res.headers.get('x-uncertainty-score')).not.toBeNull()
    expect(await decode(Buffer.from(await res.arrayBuffer()))).toMatchObject({ width: 600, height: 600 })
  })

  it('charges one image (5 credits) per call and nothing for a refused one', async () => {
    const balance = (): number => sim.current.stats().balances['photoroom:photoroom-demo'] as number
    const before = balance()
    expect((await edit({})).status).toBe(200)
    expect(balance()).toBe(before - 5)
    expect((await edit({ 'shadow.mode': 'nope' })).status).toBe(400)
    expect(balance()).toBe(before - 5)
  })

  it('reports ignored attributes in pr-unsupported-attributes, as the spec says', async () => {
    const res = await edit({ 'background.inner': 'x' })
    expect(res.status).toBe(200)
    expect(res.headers.get('pr-unsupported-attributes')).toContain('background.inner')
  })

  it.each([
    ['a wrong type', { removeBackground: 'maybe' }, 'removeBackground'],
    ['an enum violation', { 'shadow.mode': 'ai.dramatic' }, 'shadow.mode'],
    ['a range violation', { 'outline.width': '0.5' }, 'outline.width'],
    ['an exclusive minimum', { 'background.blur.radius': '0' }, 'background.blur.radius'],
    ['a pattern violation', { outputSize: '200x' }, 'outputSize'],
    ['a spacing out of range', { padding: '60%' }, 'padding'],
    ['mutually exclusive parameters', { 'background.prompt': 'sea', 'background.imageFile': BACKGROUND }, 'background.prompt and background.imageFile'],
    ['a parameter not allowed without background removal', { removeBackground: 'false', 'background.imageFile': BACKGROUND }, "can't be provided if removeBackground"],
    ['a parameter that needs another', { 'background.scaling': 'fit' }, 'background.scaling can only be provided'],
    ['maxWidth without a matching outputSize', { maxWidth: '200' }, 'maxWidth'],
    ['a shadow override without ai.auto-with-overrides', { 'shadow.mode': 'ai.soft', 'shadow.intensityOverride': '0.3' }, 'shadow.intensityOverride'],
    ['colorSpace=original with a background', { colorSpace: 'original', 'background.color': 'red' }, 'colorSpace'],
    ['an unknown model version header', { 'background.prompt': 'sea' }, 'pr-ai-background-model-version']
  ])('rejects %s with 400 {error: {message}}', async (label, fields, message) => {
    const headers: Record<string, string> = label.includes('header') ? { 'pr-ai-background-model-version': '99' } : {}
    const res = await edit(fields, headers)
    expect(res.status).toBe(400)
    expect(await errorMessage(res)).toContain(message)
  })

  it('needs the 2026-04-15 shadows model for ai.auto-with-overrides and refuses legacy modes with it', async () => {
    const overrides = { 'shadow.mode': 'ai.auto-with-overrides', 'shadow.intensityOverride': '0.4', 'shadow.directionOverride': 'frontLeft' }
    expect((await edit(overrides)).status).toBe(400)
    expect((await edit(overrides, { 'pr-ai-shadows-model-version': '2026-04-15' })).status).toBe(200)
    expect((await edit({ 'shadow.mode': 'ai.soft' }, { 'pr-ai-shadows-model-version': '2026-04-15' })).status).toBe(400)
  })

  it('rebuilds object parameters sent as dotted fields', async () => {
    const ok = await edit({ 'virtualModel.mode': 'ai.auto', 'virtualModel.model.preset.name': 'avery' })
    expect(ok.status).toBe(200)
    const bad = await edit({ 'virtualModel.mode': 'ai.auto', 'virtualModel.model.preset.name': 'nobody' })
    expect(bad.status).toBe(400)
    expect(await errorMessage(bad)).toContain('virtualModel.model')
  })

  it('refuses parameters in the query string of a POST', async () => {
    const res = await post(`${sim.current.urls.photoroom.api}/v2/edit?padding=0.1`, DEMO_KEYS.photoroom, form({ imageFile: await productPhoto() }))
    expect(res.status).toBe(400)
    expect(await errorMessage(res)).toContain('query string')
  })

  it('enforces the AI upscale input limit unless downscaling is allowed', async () => {
    const big = await productPhoto({ width: 1200, height: 900 })
    const url = `${sim.current.urls.photoroom.api}/v2/edit`
    const refused = await post(url, DEMO_KEYS.photoroom, form({ imageFile: big, 'upscale.mode': 'ai.fast' }))
    expect(refused.status).toBe(400)
    const allowed = await post(url, DEMO_KEYS.photoroom, form({ imageFile: big, 'upscale.mode': 'ai.fast', 'upscale.downscaleIfNeeded': 'always' }))
    expect(allowed.status).toBe(200)
  })

  it('rejects a missing image, HEIC and undecodable bytes', async () => {
    const url = `${sim.current.urls.photoroom.api}/v2/edit`
    expect(await errorMessage(await post(url, DEMO_KEYS.photoroom, form({ padding: '0.1' })))).toContain('imageFile')
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)])
    expect((await post(url, DEMO_KEYS.photoroom, form({ imageFile: heic }))).status).toBe(400)
    expect((await post(url, DEMO_KEYS.photoroom, form({ imageFile: Buffer.from('%PDF-1.7 not an image at all') }))).status).toBe(400)
  })

  it('lets sandbox keys edit for free with a watermark, up to the daily cap, then 402', async () => {
    const before = sim.current.stats().balances['photoroom:photoroom-demo']
    const first = await edit({}, {}, DEMO_KEYS.photoroomSandbox)
    expect(first.status).toBe(200)
    const live = await edit({}, {}, DEMO_KEYS.photoroom)
    const [sandboxPixels, livePixels] = await Promise.all([first, live].map(async (r) => Buffer.from(await r.arrayBuffer())))
    expect(sandboxPixels?.equals(livePixels as Buffer)).toBe(false)
    expect((await edit({}, {}, DEMO_KEYS.photoroomSandbox)).status).toBe(200)
    const capped = await edit({}, {}, DEMO_KEYS.photoroomSandbox)
    expect(capped.status).toBe(402)
    expect(await capped.json()).toMatchObject({ error: { detail: expect.stringContaining('Sandbox') } })
    expect(sim.current.stats().balances['photoroom:photoroom-demo']).toBe((before as number) - 5)
  })
})

describe('Photoroom accounts', () => {
  it('reports credits on /v1/account and images on /v2/account; a missing key is 400, a wrong one 403', async () => {
    const api = sim.current.urls.photoroom.api
    const v1 = await fetch(`${api}/v1/account`, { headers: { 'x-api-key': DEMO_KEYS.photoroom } })
    const credits = ((await v1.json()) as { credits: { available: number } }).credits.available
    const v2 = await fetch(`${api}/v2/account`, { headers: { 'x-api-key': DEMO_KEYS.photoroom } })
    expect(await v2.json()).toMatchObject({ images: { available: Math.floor(credits / 5) }, plan: 'basic' })
    const missing = await fetch(`${api}/v1/account`)
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ error: { message: 'apiKey: Required' } })
    expect((await fetch(`${api}/v2/account`, { headers: { 'x-api-key': 'sk_not_a_key_1234' } })).status).toBe(403)
  })
})
