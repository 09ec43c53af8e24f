import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { DEMO_KEYS, form, NO_LIMITS, post, useSimulator } from '../helpers/simulator'
import { blankPhoto, decode, productPhoto } from '../helpers/images'

const sim = useSimulator(NO_LIMITS)
const url = (): string => `${sim.current.urls.pixelcut.api}/v1/remove-background`
const removeBackground = (body: FormData | object, headers: Record<string, string> = {}, key: string | null = DEMO_KEYS.pixelcut) =>
  fetch(url(), {
    method: 'POST',
    headers: { ...(key ? { 'X-API-KEY': key } : {}), ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body instanceof FormData ? body : JSON.stringify(body)
  })
const balance = (): number => sim.current.stats().balances['pixelcut:pixelcut-demo'] as number

describe('Pixelcut /v1/remove-background', () => {
  it('answers a result_url by default that serves the PNG', async () => {
    const res = await removeBackground(form({ image: await productPhoto() }))
    expect(res.status).toBe(200)
    const { result_url } = (await res.json()) as { result_url: string }
    const png = await fetch(result_url)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect(await decode(Buffer.from(await png.arrayBuffer()))).toMatchObject({ format: 'png', hasAlpha: true })
  })

  it('answers the PNG itself with Accept: image/*', async () => {
    const res = await removeBackground(form({ image: await productPhoto() }), { accept: 'image/*' })
    expect(res.headers.get('content-type')).toBe('image/png')
    expect((await decode(Buffer.from(await res.arrayBuffer()))).format).toBe('png')
  })

  it('charges 1 credit, and 3 more with a shadow', async () => {
    const before = balance()
    await removeBackground(form({ image: await productPhoto() }))
    expect(balance()).toBe(before - 1)
    const shadow = JSON.stringify({ enabled: true, opacity: 0.4, light_source: { size: 0.3, position: { x: -0.3, y: -0.6, z: 0.7 } } })
    expect((await removeBackground(form({ image: await productPhoto(), shadow }))).status).toBe(200)
    expect(balance()).toBe(before - 5)
  })

  it('takes JSON with an image_url it can reach', async () => {
    const first = (await (await removeBackground(form({ image: await productPhoto() }))).json()) as { result_url: string }
    const res = await removeBackground({ image_url: first.result_url, shadow: true })
    expect(res.status).toBe(200)
    const unreachable = await removeBackground({ image_url: 'https://example.com/p.jpg' })
    expect(await unreachable.json()).toMatchObject({ error_code: 'malformed_image' })
  })

  it.each([
    ['an empty JSON body', '', 'invalid_request_body'],
    ['no image at all', {}, 'missing_parameter'],
    ['an opacity over 1', { image_url: 'http://127.0.0.1:1/x.png', shadow: { enabled: true, opacity: 1.5 } }, 'invalid_parameter'],
    ['a light position out of range', { image_url: 'http://127.0.0.1:1/x.png', shadow: { enabled: true, light_source: { size: 0.3, position: { x: -2, y: 0, z: 1 } } } }, 'invalid_parameter'],
    ['a format other than png', { image_url: 'http://127.0.0.1:1/x.png', format: 'jpg' }, 'invalid_parameter'],
    ['an unknown parameter', { image_url: 'http://127.0.0.1:1/x.png', resize: 2 }, 'invalid_parameter']
  ])('rejects %s with 400 {error, error_code}', async (_label, body, code) => {
    const res =
      body === ''
        ? await fetch(url(), { method: 'POST', headers: { 'X-API-KEY': DEMO_KEYS.pixelcut, 'content-type': 'application/json' }, body: '' })
        : await removeBackground(body as object)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: expect.any(String), error_code: code })
  })

  it('rejects other content types, bad images and images outside the limits', async () => {
    const text = await fetch(url(), { method: 'POST', headers: { 'X-API-KEY': DEMO_KEYS.pixelcut, 'content-type': 'text/plain' }, body: 'hi' })
    expect(await text.json()).toMatchObject({ error_code: 'unsupported_content_type' })
    const cases: [Buffer, string][] = [
      [await sharp({ create: { width: 100, height: 100, channels: 3, background: '#123456' } }).gif().toBuffer(), 'unsupported_image_format'],
      [(await productPhoto()).subarray(0, 400), 'malformed_image'],
      [await productPhoto({ width: 6001, height: 100, format: 'png' }), 'resolution_too_high'],
      [await productPhoto({ width: 63, height: 63, format: 'png' }), 'invalid_parameter'],
      [await blankPhoto(), 'unknown_foreground']
    ]
    for (const [image, code] of cases) {
      const res = await removeBackground(form({ image }))
      expect(res.status, code).toBe(400)
      expect(await res.json()).toMatchObject({ error_code: code })
    }
  })

  it('rejects a file over 25 MB without charging', async () => {
    const before = balance()
    const huge = Buffer.concat([await productPhoto({ format: 'png' }), Buffer.alloc(25 * 1024 * 1024)])
    const res = await removeBackground(form({ image: huge }))
    expect(await res.json()).toMatchObject({ error_code: 'file_size_too_large' })
    expect(balance()).toBe(before)
  })

  it('refuses a wrong key with 401 and reports credits, possibly as a string', async () => {
    const res = await removeBackground(form({ image: await productPhoto() }), {}, 'pxc_wrong_key_0000')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'API Token not found', error_code: 'invalid_auth_token' })
    const credits = await fetch(`${sim.current.urls.pixelcut.api}/v1/credits`, { headers: { 'X-API-KEY': DEMO_KEYS.pixelcut } })
    expect(Number(((await credits.json()) as { credits_remaining: string }).credits_remaining)).toBe(balance())
  })
})

describe('a result_url', () => {
  const short = useSimulator({ ...NO_LIMITS, resultTtlMs: { pixelcut: 50, phota: 50 } })
  it('expires', async () => {
    const res = await post(`${short.current.urls.pixelcut.api}/v1/remove-background`, null, form({ image: await productPhoto() }), { 'X-API-KEY': DEMO_KEYS.pixelcut })
    const { result_url } = (await res.json()) as { result_url: string }
    await new Promise((r) => setTimeout(r, 80))
    expect((await fetch(result_url)).status).toBe(404)
  })
})
