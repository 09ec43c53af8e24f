import { expect, test } from 'vitest'
import { cmykJpeg, oversizeJpeg } from '../helpers/corpus'
import { productPhoto } from '../helpers/images'
import { DEMO_KEYS, form, NO_LIMITS, post, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)

test('the simulated Photoroom refuses what the real one would: over 6000 px on v2/edit and segment, colours other than sRGB', async () => {
  const { api, sdk } = sim.current.urls.photoroom
  const edit = (image: Buffer): Promise<Response> => post(`${api}/v2/edit`, DEMO_KEYS.photoroom, form({ imageFile: image }))
  const segment = (image: Buffer): Promise<Response> => post(`${sdk}/v1/segment`, DEMO_KEYS.photoroom, form({ image_file: image }))
  const oversize = await oversizeJpeg()
  const cmyk = await cmykJpeg()
  const tooWide = await edit(oversize)
  expect(tooWide.status).toBe(400)
  expect(await tooWide.text()).toContain('larger than 6000px on its long side')
  expect((await segment(oversize)).status).toBe(400)
  const notSrgb = await edit(cmyk)
  expect(notSrgb.status).toBe(400)
  expect(await notSrgb.text()).toContain('only sRGB images are supported')
  expect((await segment(cmyk)).status).toBe(400)
  expect((await edit(await productPhoto())).status).toBe(200)
})
