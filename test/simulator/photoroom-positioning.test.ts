import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { checkForStore } from '../../src/main/export/store-check'
import { BUILT_IN_PRESETS } from '../../src/main/presets/built-in'
import { DEMO_KEYS, form, NO_LIMITS, post, useSimulator } from '../helpers/simulator'
import { productPhoto } from '../helpers/images'

const sim = useSimulator(NO_LIMITS)

/** The answer's bytes to a /v2/edit of `photo` (a 400 × 300 photo with a 150 px square subject in its middle by default). */
async function edit(fields: Record<string, string>, photo?: Buffer): Promise<Buffer> {
  const res = await post(`${sim.current.urls.photoroom.api}/v2/edit`, DEMO_KEYS.photoroom, form({ imageFile: photo ?? (await productPhoto()), ...fields }))
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

/** A 400 × 300 photo on light grey with a red subject of this size, at `at` (its top-left corner) or in the middle. */
function photoWith(width: number, height: number, at?: { left: number; top: number }): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 300, channels: 3, background: '#eeeeee' } })
    .composite([{ input: { create: { width, height, channels: 3, background: '#c03020' } }, ...(at ?? { gravity: 'center' }) }])
    .png()
    .toBuffer()
}

/** Where the subject landed: the box of every pixel that is not transparent. */
async function subjectIn(image: Buffer): Promise<{ left: number; top: number; right: number; bottom: number; width: number; height: number }> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  let [left, right, top, bottom] = [info.width, -1, info.height, -1]
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[(y * info.width + x) * 4 + 3]! < 128) continue
      left = Math.min(left, x)
      right = Math.max(right, x)
      top = Math.min(top, y)
      bottom = y
    }
  }
  return { left, top, right, bottom, width: info.width, height: info.height }
}

describe('Photoroom /v2/edit positioning (outputSize, padding, margin, alignment, scaling, snapping)', () => {
  it('fits the subject, not the whole photo, inside the output less its padding, centred', async () => {
    const box = await subjectIn(await edit({ outputSize: '1000x1000', padding: '0.1' }))
    // 10 % padding on each side: the 150 px subject becomes 800 px, from 100 to 899.
    expect(box).toMatchObject({ width: 1000, height: 1000 })
    for (const edge of [box.left, box.top]) expect(Math.abs(edge - 100)).toBeLessThanOrEqual(1)
    for (const edge of [box.right, box.bottom]) expect(Math.abs(edge - 899)).toBeLessThanOrEqual(1)
  })

  it('takes margins in pixels of the output, paddings in the output less its margins, and aligns as asked', async () => {
    const box = await subjectIn(await edit({ outputSize: '1000x500', margin: '50px', padding: '10%', horizontalAlignment: 'left' }))
    // Height: 500 − 2 × 50 margin = 400, less 2 × 40 padding = 320 for the subject; it starts at 50 + 90 (900 × 10 %) on the left.
    expect(box.bottom - box.top + 1).toBeGreaterThanOrEqual(319)
    expect(box.bottom - box.top + 1).toBeLessThanOrEqual(321)
    expect(Math.abs(box.left - 140)).toBeLessThanOrEqual(1)
  })

  it('snaps a subject cut by the photo’s edge to that edge, ignoring its padding there, unless told not to', async () => {
    // The subject touches the photo's left edge: cropped there.
    const cropped = await photoWith(150, 150, { left: 0, top: 75 })
    const snapped = await subjectIn(await edit({ outputSize: '1000x1000', padding: '0.2' }, cropped))
    expect(snapped.left).toBe(0)
    const kept = await subjectIn(await edit({ outputSize: '1000x1000', padding: '0.2', ignorePaddingAndSnapOnCroppedSides: 'false' }, cropped))
    expect(Math.abs(kept.left - 200)).toBeLessThanOrEqual(1)
  })

  it('fills the output with scaling=fill, cutting off what falls outside', async () => {
    const wide = await photoWith(200, 100)
    const box = await subjectIn(await edit({ outputSize: '500x500', scaling: 'fill' }, wide))
    expect(box).toMatchObject({ left: 0, top: 0, right: 499, bottom: 499 })
  })

  it('fits the subject to the whole output by default, as the positioning guide says; referenceBox=originalImage keeps it where it was', async () => {
    // The 150 px subject of a 400 × 300 photo, fitted to the photo's own frame: 300 px, centred.
    expect(await subjectIn(await edit({}))).toMatchObject({ width: 400, height: 300, left: 50, top: 0, right: 349, bottom: 299 })
    // The same with the document's defaults sent: nothing changes.
    expect(await subjectIn(await edit({ padding: '0', scaling: 'fit', referenceBox: 'subjectBox', outputSize: 'auto' }))).toMatchObject({ left: 50, top: 0, right: 349, bottom: 299 })
    expect(await subjectIn(await edit({ referenceBox: 'originalImage' }))).toMatchObject({ width: 400, height: 300, left: 125, top: 75, right: 274, bottom: 224 })
  })

  it('sizes the output to the subject with outputSize=croppedSubject', async () => {
    expect(await subjectIn(await edit({ outputSize: 'croppedSubject' }))).toMatchObject({ width: 150, height: 150, left: 0, top: 0, right: 149, bottom: 149 })
  })

  it('lets a side of its own override the general padding, and aligns to the bottom right', async () => {
    const box = await subjectIn(await edit({ outputSize: '1000x1000', padding: '0.1', paddingBottom: '0.3', horizontalAlignment: 'right', verticalAlignment: 'bottom' }))
    // Height: 1000 less 100 on top and 300 below: a 600 px subject, ending at 699, flush right at 899.
    expect(Math.abs(box.bottom - 699)).toBeLessThanOrEqual(1)
    expect(Math.abs(box.right - 899)).toBeLessThanOrEqual(1)
    expect(Math.abs(box.top - 100)).toBeLessThanOrEqual(1)
  })

  it('keeps the margins empty when scaling=fill overflows the target area', async () => {
    const wide = await photoWith(200, 100)
    expect(await subjectIn(await edit({ outputSize: '500x500', scaling: 'fill', margin: '50px' }, wide))).toMatchObject({ left: 50, top: 50, right: 449, bottom: 449 })
  })

  it('centres a subject cut on two opposite sides, with no padding on either', async () => {
    const band = await photoWith(400, 100, { left: 0, top: 100 })
    const box = await subjectIn(await edit({ outputSize: '1000x1000', padding: '0.2' }, band))
    expect(box).toMatchObject({ left: 0, right: 999 })
    expect(Math.abs(box.top - 375)).toBeLessThanOrEqual(1)
  })

  it('answers at the asked size when no subject is found', async () => {
    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#eeeeee' } }).png().toBuffer()
    const { width, height } = await sharp(await edit({ outputSize: '800x800' }, blank)).metadata()
    expect({ width, height }).toEqual({ width: 800, height: 800 })
  })

  it('gives the Amazon main image preset’s values a result that passes the Amazon check (85 % fill, pure white)', async () => {
    const preset = BUILT_IN_PRESETS.find((p) => p.name === 'Amazon main image')
    expect(preset?.operationId).toBe('photoroom.edit')
    const result = await edit(Object.fromEntries(Object.entries(preset?.values ?? {}).map(([name, value]) => [name, String(value)])))
    const check = await checkForStore(result, 'amazon')
    expect(check.reasons).toEqual([])
    expect(check.fill).toBeGreaterThanOrEqual(0.85)
  })
})
