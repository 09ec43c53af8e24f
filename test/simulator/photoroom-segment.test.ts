import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, form, NO_LIMITS, post, useSimulator } from '../helpers/simulator'
import { decode, heicHeader, productPhoto } from '../helpers/images'

const sim = useSimulator(NO_LIMITS)
const segment = (fields: Record<string, string | Buffer>, key: string | null = DEMO_KEYS.photoroom, headers = {}) =>
  post(`${sim.current.urls.photoroom.sdk}/v1/segment`, key, form(fields), headers)

describe('Photoroom /v1/segment', () => {
  it('cuts out the subject as a transparent PNG with an uncertainty score, and charges 1 credit', async () => {
    const before = sim.current.stats().balances['photoroom:photoroom-demo'] as number
    const res = await segment({ image_file: await productPhoto() })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(Number(res.headers.get('x-uncertainty-score'))).toBeGreaterThanOrEqual(0)
    const meta = await decode(Buffer.from(await res.arrayBuffer()))
    expect(meta).toMatchObject({ format: 'png', width: 400, height: 300, hasAlpha: true })
    expect(sim.current.stats().balances['photoroom:photoroom-demo']).toBe(before - 1)
  })

  it('answers base64 JSON when asked, in the requested format and size; preview costs 0.25', async () => {
    const before = sim.current.stats().balances['photoroom:photoroom-demo'] as number
    const res = await segment({ image_file: await productPhoto({ width: 1200, height: 900 }), format: 'webp', size: 'preview', crop: 'true' }, DEMO_KEYS.photoroom, { accept: 'application/json' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { base64img: string }
    const meta = await decode(Buffer.from(body.base64img, 'base64'))
    expect(meta.format).toBe('webp')
    expect((meta.width ?? 0) * (meta.height ?? 0)).toBeLessThanOrEqual(250_000)
    expect(sim.current.stats().balances['photoroom:photoroom-demo']).toBe(before - 0.25)
  })

  it.each([
    ['no image', {} as Record<string, string>, 'missing_image'],
    ['an unknown parameter', { bogus: '1' }, 'invalid_parameter'],
    ['a format outside the enum', { format: 'gif' }, 'invalid_parameter'],
    ['size outside the enum', { size: 'huge' }, 'invalid_parameter']
  ])('rejects %s with 400 {detail, status_code, type}', async (_label, fields, type) => {
    const image: Record<string, Buffer> = _label === 'no image' ? {} : { image_file: await productPhoto() }
    const res = await segment({ ...image, ...fields })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ status_code: 400, type, detail: expect.any(String) })
  })

  it('rejects bytes that are not an image, and a truncated JPEG', async () => {
    const notImage = await segment({ image_file: Buffer.from('just some text, long enough to sniff') })
    expect(notImage.status).toBe(400)
    expect(await notImage.json()).toMatchObject({ type: 'unsupported_image_format' })
    const full = await productPhoto()
    const truncated = await segment({ image_file: full.subarray(0, Math.floor(full.length / 2)) })
    expect(truncated.status).toBe(400)
    expect(await truncated.json()).toMatchObject({ type: 'invalid_image' })
  })

  it('rejects an image over 6000 px on its long side', async () => {
    const res = await segment({ image_file: await productPhoto({ width: 6001, height: 64, format: 'png' }) })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ type: 'resolution_too_high' })
  })

  it('accepts HEIC, which only remove-background supports', async () => {
    const res = await segment({ image_file: heicHeader() })
    expect(res.status).toBe(200)
  })

  it('refuses a missing or wrong key with 403 and a sandbox key (v2/edit only)', async () => {
    const image = await productPhoto()
    expect((await segment({ image_file: image }, null)).status).toBe(403)
    expect((await segment({ image_file: image }, 'sk_wrong_key_000')).status).toBe(403)
    const sandbox = await segment({ image_file: image }, DEMO_KEYS.photoroomSandbox)
    expect(sandbox.status).toBe(403)
  })

  it('serves only its own host: /v2/edit is not on the sdk host', async () => {
    const res = await post(`${sim.current.urls.photoroom.sdk}/v2/edit`, DEMO_KEYS.photoroom, form({}))
    expect(res.status).toBe(404)
  })
})
