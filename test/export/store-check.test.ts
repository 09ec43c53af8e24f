import sharp from 'sharp'
import { expect, test } from 'vitest'
import { checkForStore } from '../../src/main/export/store-check'
import { STORE_RULES } from '../../src/main/export/marketplaces'
import { checkChosenOutputs } from '../../src/main/export/check-chosen'
import { makeCatalog } from './fixtures'

/** A square product of `share` of the side, centred on a background of one grey level. */
async function productShot(o: { side?: number; share?: number; background?: number; format?: 'jpeg' | 'png' | 'webp'; alpha?: boolean } = {}): Promise<Buffer> {
  const { side = 1200, share = 0.9, background = 255, format = 'png', alpha = false } = o
  const product = Math.round(side * share)
  return sharp({ create: { width: side, height: side, channels: alpha ? 4 : 3, background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: background, g: background, b: background } } })
    .composite([{ input: { create: { width: product, height: product, channels: 3, background: '#b03020' } }, gravity: 'center' }])
    .toFormat(format)
    .toBuffer()
}

test('pure white 255,255,255 passes Amazon; 250,250,250 fails, naming the colour and the corner', async () => {
  const white = await checkForStore(await productShot({ background: 255 }), 'amazon')
  expect(white).toMatchObject({ passed: true, reasons: [], format: 'png', width: 1200, height: 1200 })

  const offWhite = await checkForStore(await productShot({ background: 250 }), 'amazon')
  expect(offWhite.passed).toBe(false)
  expect(offWhite.reasons).toEqual(['background is not pure white (250,250,250 at the top-left corner)'])
})

test('a product touching only the right edge fails on that edge, not the corners', async () => {
  const image = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#ffffff' } })
    .composite([{ input: { create: { width: 100, height: 880, channels: 3, background: '#202020' } }, left: 900, top: 60 }])
    .png()
    .toBuffer()
  const check = await checkForStore(image, 'amazon')
  expect(check.reasons).toEqual(['background is not pure white (32,32,32 at the right edge)'])
})

test("the product filling 80 % fails Amazon's 85 %; 90 % passes; the fill is the bounding box", async () => {
  const eighty = await checkForStore(await productShot({ share: 0.8 }), 'amazon')
  expect(eighty.fill).toBeCloseTo(0.8, 2)
  expect(eighty.reasons).toEqual(['the product fills 80 % of the frame; Amazon needs at least 85 %'])

  const ninety = await checkForStore(await productShot({ share: 0.9, format: 'jpeg' }), 'amazon')
  expect(ninety.fill).toBeGreaterThan(0.89)
  expect(ninety.fill).toBeLessThan(0.92)
  expect(ninety.passed).toBe(true)
})

test('a transparent background fails the white rule; an empty frame has no product', async () => {
  const transparent = await checkForStore(await productShot({ alpha: true }), 'amazon')
  expect(transparent.reasons).toEqual(['the background is transparent at the top-left corner; the store shows it on its own colour, so fill it with white'])
  expect(transparent.fill).toBeCloseTo(0.9, 2)

  const empty = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#ffffff' } }).png().toBuffer()
  expect((await checkForStore(empty, 'amazon')).reasons).toEqual(['no product found: the image is all background'])
})

test('minimum size and allowed format, with every reason listed', async () => {
  const small = await checkForStore(await productShot({ side: 800, format: 'webp' }), 'amazon')
  expect(small.reasons).toEqual([
    'WEBP is not accepted; Amazon takes JPEG, PNG, TIFF, GIF',
    'the image is 800 × 800 px; Amazon needs at least 1,000 px on the longest side'
  ])
  // A rule is data: the 500 px hard minimum instead of the zoom size.
  expect((await checkForStore(await productShot({ side: 800 }), { ...STORE_RULES.amazon, minLongestSide: 500 })).passed).toBe(true)

  const etsy = await checkForStore(await productShot({ side: 1500, background: 240 }), 'etsy')
  expect(etsy.reasons).toEqual(['the image is 1,500 × 1,500 px; Etsy needs at least 2,000 px on the shortest side'])
  expect((await checkForStore(await productShot({ side: 2000, background: 240 }), 'etsy')).passed).toBe(true)
})

test("each photo's chosen output is checked as it is, for the review's badge; a photo without a result is left out", async () => {
  const { catalog } = await makeCatalog([
    { folder: '', name: 'ok.jpg', results: [{ outputs: [{ colour: '#202020', width: 1200, height: 1200, fill: 0.9 }] }] },
    { folder: '', name: 'small.jpg', results: [{ outputs: [{ colour: '#202020', width: 1200, height: 1200, fill: 0.8 }] }] },
    { folder: '', name: 'none.jpg', results: [] }
  ])
  try {
    const checks = await checkChosenOutputs(catalog, [1, 2, 3], 'amazon')
    expect([...checks.keys()]).toEqual([1, 2])
    expect(checks.get(1)).toMatchObject({ passed: true, rule: 'Amazon' })
    expect(checks.get(2)!.reasons).toEqual(['the product fills 80 % of the frame; Amazon needs at least 85 %'])
  } finally {
    catalog.close()
  }
})
