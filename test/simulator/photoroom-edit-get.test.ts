import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, NO_LIMITS, useFileServer, useSimulator } from '../helpers/simulator'
import { decode, productPhoto } from '../helpers/images'

/**
 * GET /v2/edit: "It accepts a URL input for the image"; "The GET endpoint accepts `imageUrl` only." The
 * service downloads every image URL it is given; our machines reach only loopback, so tests serve them.
 */
const sim = useSimulator(NO_LIMITS)
const files = useFileServer(async () => ({
  '/shoe.jpg': { body: await productPhoto(), type: 'image/jpeg' },
  '/marble.png': { body: await productPhoto({ subject: '#888888', format: 'png' }), type: 'image/png' },
  '/page.html': { body: '<html>a product page</html>', type: 'text/html' },
  '/gone.jpg': { body: 'gone', status: 410 }
}))
const get = (params: Record<string, string>, key = DEMO_KEYS.photoroom): Promise<Response> =>
  fetch(`${sim.current.urls.photoroom.api}/v2/edit?${new URLSearchParams(params)}`, { headers: { 'x-api-key': key } })
const message = async (res: Response): Promise<string> => ((await res.json()) as { error: { message: string } }).error.message
const balance = (): number => sim.current.stats().balances['photoroom:photoroom-demo'] as number

describe('GET /v2/edit', () => {
  it('downloads imageUrl and edits it, with the documented pr-edit-further-url', async () => {
    const before = balance()
    const res = await get({ imageUrl: files.current.url('/shoe.jpg'), 'background.color': 'FFFFFF', outputSize: '300x300', 'export.format': 'jpg' })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(res.headers.get('pr-edit-further-url')).toMatch(/^http/)
    expect(await decode(Buffer.from(await res.arrayBuffer()))).toMatchObject({ format: 'jpeg', width: 300, height: 300 })
    expect(balance()).toBe(before - 5)
    expect(files.current.hits['/shoe.jpg']).toBeGreaterThanOrEqual(1)
  })

  it('downloads the other image URLs too: background and guidance', async () => {
    const before = files.current.hits['/marble.png'] ?? 0
    const background = await get({ imageUrl: files.current.url('/shoe.jpg'), 'background.imageUrl': files.current.url('/marble.png') })
    expect(background.status).toBe(200)
    const guided = await get({ imageUrl: files.current.url('/shoe.jpg'), 'background.guidance.imageUrl': files.current.url('/marble.png'), 'background.guidance.scale': '0.8' })
    expect(guided.status).toBe(200)
    expect(files.current.hits['/marble.png']).toBe(before + 2)
  })

  it.each([
    ['an unreachable host', 'https://cdn.example.com/shoe.jpg', 'could not be downloaded'],
    ['a URL answering 410', '/gone.jpg', 'could not be downloaded'],
    ['a web page, not an image', '/page.html', 'unsupported image format'],
    ['a closed port', 'http://127.0.0.1:9/shoe.jpg', 'could not be downloaded']
  ])('fails imageUrl at %s with a 400 naming it, uncharged', async (_label, target, words) => {
    const before = balance()
    const res = await get({ imageUrl: target.startsWith('/') ? files.current.url(target) : target })
    expect(res.status).toBe(400)
    const text = await message(res)
    expect(text).toContain('imageUrl')
    expect(text).toContain(words)
    expect(balance()).toBe(before)
  })

  it('fails an unreachable guidance image the same way', async () => {
    const res = await get({ imageUrl: files.current.url('/shoe.jpg'), 'background.guidance.imageUrl': files.current.url('/missing.jpg') })
    expect(res.status).toBe(400)
    expect(await message(res)).toContain('background.guidance.imageUrl')
  })

  it.each([['imageFile'], ['background.imageFile'], ['background.guidance.imageFile'], ['editWithAI.additionalImages.ref1.imageFile']])(
    'refuses %s: "Only available in the POST request"',
    async (name) => {
      const res = await get({ imageUrl: files.current.url('/shoe.jpg'), [name]: 'x' })
      expect(res.status).toBe(400)
      expect(await message(res)).toContain(`${name} is only available in the POST request`)
    }
  )

  it('needs imageUrl', async () => {
    const res = await get({ 'background.color': 'red' })
    expect(res.status).toBe(400)
    expect(await message(res)).toContain('imageUrl')
  })

  it('takes additional product images as URLs (the reference lists them as URL strings for GET)', async () => {
    const shoe = files.current.url('/shoe.jpg')
    const params = new URLSearchParams({ imageUrl: shoe, 'virtualModel.mode': 'ai.auto' })
    params.append('virtualModel.additionalProductImages', files.current.url('/marble.png'))
    params.append('virtualModel.additionalProductImages', files.current.url('/missing.png'))
    const res = await fetch(`${sim.current.urls.photoroom.api}/v2/edit?${params}`, { headers: { 'x-api-key': DEMO_KEYS.photoroom } })
    expect(res.status).toBe(400)
    expect(await message(res)).toContain('virtualModel.additionalProductImages.1')
  })

  it('validates query parameters like the POST body', async () => {
    const res = await get({ imageUrl: files.current.url('/shoe.jpg'), 'background.color': 'nocolour' })
    expect(res.status).toBe(400)
    expect(await message(res)).toContain('background.color')
  })
})

describe('pr-edit-further-url on POST', () => {
  const always = useSimulator({ ...NO_LIMITS, editFurtherUrlOnPost: true })
  it('is sent when the option says the service sends it there too', async () => {
    const body = new FormData()
    body.append('imageFile', new Blob([new Uint8Array(await productPhoto())]), 'shoe.jpg')
    const res = await fetch(`${always.current.urls.photoroom.api}/v2/edit`, { method: 'POST', headers: { 'x-api-key': DEMO_KEYS.photoroom }, body })
    expect(res.headers.get('pr-edit-further-url')).toMatch(/^http/)
  })
})
