import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, form, NO_LIMITS, post, useSimulator } from '../helpers/simulator'
import { productPhoto } from '../helpers/images'

/**
 * Files other than the photo, in POST /v2/edit: each is "Bytes of …" (`format: binary`), so it must come as a
 * multipart file part; a path sent as a text field is refused. The URL variants are GET's alone: the POST
 * schema lists `background.imageFile`, `background.guidance.imageFile`, `editWithAI.additionalImages.{key}.imageFile`
 * and none of the `…imageUrl`.
 */
const sim = useSimulator(NO_LIMITS)
const url = (): string => `${sim.current.urls.photoroom.api}/v2/edit`
const edit = async (fields: Record<string, string | Buffer>) => post(url(), DEMO_KEYS.photoroom, form({ imageFile: await productPhoto(), ...fields }))
const message = async (res: Response): Promise<string> => ((await res.json()) as { error: { message: string } }).error.message
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

const FILE_PARAMS: [string, Record<string, string>][] = [
  ['background.imageFile', {}],
  ['background.guidance.imageFile', {}],
  ['editWithAI.additionalImages.ref1.imageFile', { 'editWithAI.prompt': 'add a lamp' }],
  ['virtualModel.model.custom.imageFile', { 'virtualModel.mode': 'ai.auto' }],
  ['virtualModel.scene.custom.imageFile', { 'virtualModel.mode': 'ai.auto' }],
  ['virtualModel.additionalProductImages.0.imageFile', { 'virtualModel.mode': 'ai.auto' }],
  ['layers.logo.image.imageFile', {}]
]

describe('POST /v2/edit files', () => {
  it.each(FILE_PARAMS)('refuses %s sent as text (a path), before charging', async (name, others) => {
    const before = sim.current.stats().balances['photoroom:photoroom-demo']
    const res = await edit({ [name]: '/home/me/guides/marble.jpg', ...others })
    expect(res.status).toBe(400)
    expect(await message(res)).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')} must be sent as an image file`))
    expect(sim.current.stats().balances['photoroom:photoroom-demo']).toBe(before)
  })

  it.each(FILE_PARAMS)('takes %s as a file part, and logs its bytes', async (name, others) => {
    const guide = await productPhoto({ subject: '#2040c0', format: 'png' })
    sim.current.resetStats()
    const res = await edit({ [name]: guide, ...others })
    expect(res.status, await res.clone().text()).toBe(200)
    const [received] = sim.current.requests('photoroom')
    expect(received?.files.find((f) => f.name === name)).toMatchObject({ size: guide.length, sha256: sha256(guide) })
  })

  it('refuses a file part that is not an image, naming it', async () => {
    const res = await edit({ 'background.guidance.imageFile': Buffer.from('%PDF-1.7 a brochure, not an image') })
    expect(res.status).toBe(400)
    expect(await message(res)).toContain('background.guidance.imageFile')
  })

  it('takes 1 to 4 additional product images and refuses a fifth', async () => {
    const photo = await productPhoto()
    const four = Object.fromEntries([0, 1, 2, 3].map((i) => [`virtualModel.additionalProductImages.${i}.imageFile`, photo]))
    expect((await edit({ 'virtualModel.mode': 'ai.auto', ...four })).status).toBe(200)
    const five = await edit({ 'virtualModel.mode': 'ai.auto', ...four, 'virtualModel.additionalProductImages.4.imageFile': photo })
    expect(five.status).toBe(400)
    expect(await message(five)).toContain('virtualModel.additionalProductImages')
  })

  it('refuses a text field where the document wants text but a file arrived', async () => {
    const res = await edit({ 'background.prompt': await productPhoto() })
    expect(res.status).toBe(400)
    expect(await message(res)).toContain('background.prompt must be text')
  })

  it.each([
    // The GET-only parameters: listed for GET, absent from the POST schema.
    ['imageUrl'],
    ['background.imageUrl'],
    ['background.guidance.imageUrl'],
    ['editWithAI.additionalImages.ref1.imageUrl']
  ])('refuses the GET-only %s in a POST', async (name) => {
    const res = await edit({ [name]: 'http://127.0.0.1:9/guide.jpg' })
    expect(res.status).toBe(400)
    expect(await message(res)).toContain(`${name} is only available in the GET request`)
  })

  it('refuses imageFile sent as text', async () => {
    const res = await post(url(), DEMO_KEYS.photoroom, form({ imageFile: '/home/me/photo.jpg' }))
    expect(res.status).toBe(400)
    expect(await message(res)).toContain('imageFile must be sent as an image file')
  })
})
