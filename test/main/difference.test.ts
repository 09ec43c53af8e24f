import { join } from 'node:path'
import sharp from 'sharp'
import { expect, test } from 'vitest'
import { CANNOT_FIND, differenceOverlay, type Difference } from '../../src/main/images/difference'
import { tempDir } from '../helpers/photos'
import { picture, sceneSvg, type Box } from '../helpers/product-shots'

/** The overlay's marked pixels: how many, how many outside `patch` (grown by `margin`), and how much of the patch they cover. */
async function marked(difference: Difference, patch?: Box, margin = 4): Promise<{ count: number; outside: number; covered: number }> {
  if (!('overlay' in difference)) throw new Error(`no overlay: ${difference.reason}`)
  const { data, info } = await sharp(difference.overlay).raw().toBuffer({ resolveWithObject: true })
  let count = 0
  let outside = 0
  let inPatch = 0
  for (let p = 0; p < info.width * info.height; p++) {
    if (data[p * 4 + 3]! <= 128) continue
    count++
    const x = p % info.width
    const y = Math.floor(p / info.width)
    const within = (m: number): boolean => !!patch && x >= patch.left - m && x < patch.left + patch.width + m && y >= patch.top - m && y < patch.top + patch.height + m
    if (!within(margin)) outside++
    if (within(0)) inPatch++
  }
  return { count, outside, covered: patch ? inPatch / (patch.width * patch.height) : 0 }
}

/** Nothing is marked between the original and `same`; between it and `changed`, only the patch, and most of it. */
async function expectOnlyThePatch(original: string, same: string | null, changed: string, patch: Box, cutOuts: string[] = []): Promise<void> {
  if (same) expect(await marked(await differenceOverlay(original, same, cutOuts))).toMatchObject({ count: 0 })
  const found = await marked(await differenceOverlay(original, changed, cutOuts), patch)
  expect(found.outside).toBe(0)
  expect(found.covered).toBeGreaterThan(0.8)
}

const ORIGINAL_SIZE = { width: 600, height: 400 }
const ON_ORIGINAL = { left: 170, top: 130, width: 240, height: 160 }

test('a product on white, padded and resized by the result: nothing is marked unless the product changed, and then only the patch', async () => {
  const dir = tempDir()
  const original = await picture(join(dir, 'original.jpg'), ORIGINAL_SIZE, '#ffffff', ON_ORIGINAL)
  // The result: a 900 px square, the product 1.6 times larger and off centre, with wide white margins.
  const inResult = { left: 200, top: 330, width: 384, height: 256 }
  const same = await picture(join(dir, 'same.jpg'), { width: 900, height: 900 }, '#ffffff', inResult)
  const patch = { left: inResult.left + 150, top: inResult.top + 40, width: 70, height: 70 }
  const changed = await picture(join(dir, 'changed.jpg'), { width: 900, height: 900 }, '#ffffff', inResult, { patch })

  await expectOnlyThePatch(original, same, changed, patch)
})

test('a cut-out of the same framing: the removed background is no change, a changed patch is', async () => {
  const dir = tempDir()
  const original = await picture(join(dir, 'original.jpg'), ORIGINAL_SIZE, '#dddddd', ON_ORIGINAL)
  const cutOut = await picture(join(dir, 'cut-out.png'), ORIGINAL_SIZE, '#000000', ON_ORIGINAL, { alpha: true })
  const patch = { left: 250, top: 200, width: 50, height: 50 }
  const altered = await picture(join(dir, 'altered.png'), ORIGINAL_SIZE, '#000000', ON_ORIGINAL, { alpha: true, patch })

  await expectOnlyThePatch(original, cutOut, altered, patch)
})

test('an AI background: the product is found by the original’s plain background, and only its changed patch is marked', async () => {
  const dir = tempDir()
  const original = await picture(join(dir, 'original.jpg'), ORIGINAL_SIZE, '#ffffff', ON_ORIGINAL)
  const inResult = { left: 300, top: 420, width: 300, height: 200 }
  const patch = { left: inResult.left + 40, top: inResult.top + 120, width: 60, height: 50 }
  const scene = sceneSvg(1000, 800, 1)
  const same = await picture(join(dir, 'scene.jpg'), { width: 1000, height: 800 }, scene, inResult)
  const changed = await picture(join(dir, 'scene-changed.jpg'), { width: 1000, height: 800 }, scene, inResult, { patch })

  await expectOnlyThePatch(original, same, changed, patch)
})

test('a scene on both sides: said so, unless a cut-out of the photo shows where the product is', async () => {
  const dir = tempDir()
  const original = await picture(join(dir, 'original.jpg'), ORIGINAL_SIZE, sceneSvg(600, 400, 2), ON_ORIGINAL)
  const inResult = { left: 120, top: 100, width: 360, height: 240 }
  const patch = { left: inResult.left + 200, top: inResult.top + 30, width: 60, height: 60 }
  const result = await picture(join(dir, 'result.jpg'), { width: 700, height: 500 }, sceneSvg(700, 500, 3), inResult, { patch })
  expect(await differenceOverlay(original, result)).toEqual({ reason: CANNOT_FIND })

  const cutOut = await picture(join(dir, 'cut-out.png'), ORIGINAL_SIZE, '#000000', ON_ORIGINAL, { alpha: true })
  await expectOnlyThePatch(original, null, result, patch, [cutOut])
})
