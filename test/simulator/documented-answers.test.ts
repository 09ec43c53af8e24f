import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, form, NO_LIMITS, post, useFileServer, useSimulator } from '../helpers/simulator'
import { productPhoto } from '../helpers/images'

const sim = useSimulator({
  ...NO_LIMITS,
  sandbox: { perDay: 100, perMonth: 3 },
  accounts: {
    photoroom: [{ key: DEMO_KEYS.photoroom, label: 'photoroom-demo', balance: 500, plan: 'plus', subscription: 1000 }],
    pixelcut: [{ key: DEMO_KEYS.pixelcut, label: 'pixelcut-demo', balance: 1000 }],
    phota: [{ key: DEMO_KEYS.phota, label: 'phota-demo', balance: 1000 }]
  }
})
const files = useFileServer(async () => ({ '/mug.png': { body: await productPhoto({ format: 'png' }), type: 'image/png' }, '/notes.txt': { body: 'not an image' } }))
const pixelcut = (body: FormData | object) => post(`${sim.current.urls.pixelcut.api}/v1/remove-background`, null, body, { 'X-API-KEY': DEMO_KEYS.pixelcut })
const segment = (fields: Record<string, string | Buffer>) => post(`${sim.current.urls.photoroom.sdk}/v1/segment`, DEMO_KEYS.photoroom, form(fields))
const account = async (path: string, key: string): Promise<unknown> => (await fetch(`${sim.current.urls.photoroom.api}${path}`, { headers: { 'x-api-key': key } })).json()

describe('Pixelcut, seed 003', () => {
  it('refuses `image` sent as text: "Binary file of the image to be processed"', async () => {
    const res = await pixelcut(form({ image: '/home/me/mug.png' }))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error_code: 'invalid_parameter', error: expect.stringContaining('image') })
  })

  it('downloads image_url ("URL of the image to be processed") and fails one that is not an image', async () => {
    const ok = await pixelcut({ image_url: files.current.url('/mug.png') })
    expect(ok.status).toBe(200)
    expect(files.current.hits['/mug.png']).toBe(1)
    const text = await pixelcut({ image_url: files.current.url('/notes.txt') })
    expect(text.status).toBe(400)
    expect(await text.json()).toMatchObject({ error_code: 'unsupported_image_format' })
  })

  it('answers 403 insufficient_api_credits: "Returned when you have insufficient credits to perform the requested action"', async () => {
    sim.current.setBalance('pixelcut', 'pixelcut-demo', 0)
    const res = await pixelcut(form({ image: await productPhoto() }))
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: 'Insufficient credits available', error_code: 'insufficient_api_credits' })
    sim.current.setBalance('pixelcut', 'pixelcut-demo', 1000)
  })
})

describe('Photoroom /v1/segment, remove-background-post-params', () => {
  it('takes bg_color as "a hex code (`#FF00FF`) or a HTML color (`red`, `green`, etc.)" and refuses others', async () => {
    expect((await segment({ image_file: await productPhoto(), bg_color: '#FF00FF' })).status).toBe(200)
    expect((await segment({ image_file: await productPhoto(), bg_color: 'green' })).status).toBe(200)
    for (const bad of ['FF00FF', 'nocolour']) {
      const res = await segment({ image_file: await productPhoto(), bg_color: bad })
      expect(res.status, bad).toBe(400)
      expect(await res.json()).toMatchObject({ status_code: 400, type: 'invalid_parameter', detail: expect.stringContaining('bg_color') })
    }
  })

  it('refuses image_file sent as text', async () => {
    const res = await segment({ image_file: '/home/me/mug.png' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ detail: expect.stringContaining('image_file') })
  })
})

describe('Photoroom accounts and the sandbox', () => {
  it('reports the plan and the monthly subscription: /v1/account credits, /v2/account images and plan', async () => {
    const balance = sim.current.stats().balances['photoroom:photoroom-demo'] as number
    expect(await account('/v1/account', DEMO_KEYS.photoroom)).toEqual({ credits: { available: balance, subscription: 1000 } })
    expect(await account('/v2/account', DEMO_KEYS.photoroom)).toEqual({ images: { available: Math.floor(balance / 5), subscription: 200 }, plan: 'plus' })
  })

  it('counts the sandbox month ("up to 1,000 free API calls by month") and answers 402 with the payment-error body past it', async () => {
    const balance = sim.current.stats().balances['photoroom:photoroom-demo']
    const edit = async (): Promise<Response> => post(`${sim.current.urls.photoroom.api}/v2/edit`, DEMO_KEYS.photoroomSandbox, form({ imageFile: await productPhoto() }))
    for (let i = 0; i < 3; i++) expect((await edit()).status).toBe(200)
    expect(await account('/v2/account', DEMO_KEYS.photoroomSandbox)).toEqual({ images: { available: 0, subscription: 3 }, plan: 'sandbox' })
    const over = await edit()
    expect(over.status).toBe(402)
    expect(await over.json()).toEqual({ error: { detail: expect.stringContaining('Sandbox quota reached') } })
    expect(sim.current.stats().balances['photoroom:photoroom-demo']).toBe(balance)
  })

  it('does not count a refused sandbox request', async () => {
    const before = await account('/v2/account', DEMO_KEYS.photoroomSandbox)
    const bad = await post(`${sim.current.urls.photoroom.api}/v2/edit`, DEMO_KEYS.photoroomSandbox, form({ imageFile: await productPhoto(), 'background.color': 'nocolour' }))
    expect(bad.status).toBe(400)
    expect(await account('/v2/account', DEMO_KEYS.photoroomSandbox)).toEqual(before)
  })
})

describe('Pixelcut errors without error_code', () => {
  const bare = useSimulator({ ...NO_LIMITS, pixelcutErrorCodes: false })
  it('answers 403 with only `error` when the option says the service leaves error_code out (the schema does not require it)', async () => {
    bare.current.setBalance('pixelcut', 'pixelcut-demo', 0)
    const res = await post(`${bare.current.urls.pixelcut.api}/v1/remove-background`, null, form({ image: await productPhoto() }), { 'X-API-KEY': DEMO_KEYS.pixelcut })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: 'Insufficient credits available' })
  })
})
