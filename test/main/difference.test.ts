import { join } from 'node:path'
import sharp from 'sharp'
import { expect, test } from 'vitest'
import { differenceOverlay } from '../../src/main/images/difference'
import { tempDir } from '../helpers/photos'

const W = 400
const H = 300
const PRODUCT = { left: 100, top: 75, width: 200, height: 150 }

async function opaquePixels(overlay: Buffer): Promise<{ count: number; inside: boolean }> {
  const { data, info } = await sharp(overlay).raw().toBuffer({ resolveWithObject: true })
  let count = 0
  let inside = true
  for (let i = 3, p = 0; i < data.length; i += 4, p++) {
    if (data[i]! <= 128) continue
    count++
    const x = p % info.width
    const y = Math.floor(p / info.width)
    if (x < 150 || x >= 200 || y < 100 || y >= 150) inside = false
  }
  return { count, inside }
}

test('the difference overlay shows where the product changed, and not the background a cut-out removed', async () => {
  const dir = tempDir()
  const original = join(dir, 'original.png')
  await sharp({ create: { width: W, height: H, channels: 3, background: '#dddddd' } })
    .composite([{ input: { create: { width: PRODUCT.width, height: PRODUCT.height, channels: 3, background: '#3366cc' } }, left: PRODUCT.left, top: PRODUCT.top }])
    .png()
    .toFile(original)
  const product = await sharp({ create: { width: PRODUCT.width, height: PRODUCT.height, channels: 4, background: { r: 0x33, g: 0x66, b: 0xcc, alpha: 1 } } }).png().toBuffer()
  const cutout = join(dir, 'cutout.png')
  await sharp({ create: { width: W, height: H, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: product, left: PRODUCT.left, top: PRODUCT.top }])
    .png()
    .toFile(cutout)
  // An AI edit that changed a 50 × 50 patch of the product itself.
  const altered = join(dir, 'altered.png')
  const patch = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 255, g: 255, b: 0, alpha: 1 } } }).png().toBuffer()
  await sharp(cutout).composite([{ input: patch, left: 150, top: 100 }]).png().toFile(altered)

  expect(await opaquePixels(await differenceOverlay(original, cutout))).toEqual({ count: 0, inside: true })
  expect(await opaquePixels(await differenceOverlay(original, altered))).toEqual({ count: 2500, inside: true })
})
