import { setImmediate as yieldToEvents } from 'node:timers/promises'
import sharp from 'sharp'
import { changes, placeMask } from './compare/changes'
import type { Mask, Picture } from './compare/picture'
import { maskByAlpha, maskByBackground } from './compare/product-mask'
import { register, type Placement } from './compare/registration'

/** Long edge at which the two are compared: fine enough to place a change, quick enough for main. */
const WORK = 512

export type Difference = { overlay: Buffer } | { reason: string }

export const CANNOT_FIND =
  'Proofsheet cannot tell the product from the background here: neither the original nor this result has a plain or transparent background. A cut-out of this photo (a background removal run) lets it compare the product.'
export const CANNOT_LINE_UP = 'This result cannot be lined up with the original: its product was moved, turned or changed too much to compare pixel by pixel.'

async function load(path: string): Promise<Picture> {
  const { data, info } = await sharp(path).rotate().resize(WORK, WORK, { fit: 'inside', withoutEnlargement: true }).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, data }
}

/** The product by transparency, else against a plain background; main's events go through between the two. */
async function productOf(picture: Picture): Promise<Mask | null> {
  const byAlpha = maskByAlpha(picture)
  await yieldToEvents()
  if (byAlpha) return byAlpha
  const byBackground = maskByBackground(picture)
  await yieldToEvents()
  return byBackground
}

const inverse = (p: Placement): Placement => ({ scale: 1 / p.scale, x: -p.x / p.scale, y: -p.y / p.scale })

/** First guesses of where the source's product is in the target: the same framing, and its box moved onto theirs. */
function guesses(source: Picture, sourceMask: Mask | null, target: Picture, targetMask: Mask | null): Placement[] {
  const found: Placement[] = [{ scale: target.width / source.width, x: 0, y: 0 }]
  if (!sourceMask || !targetMask) return found
  const a = sourceMask.box
  const b = targetMask.box
  for (const scale of [(b.right - b.left) / (a.right - a.left), (b.bottom - b.top) / (a.bottom - a.top)]) {
    found.push({ scale, x: (b.left + b.right) / 2 - (scale * (a.left + a.right)) / 2, y: (b.top + b.bottom) / 2 - (scale * (a.top + a.bottom)) / 2 })
  }
  return found
}

/** The product in the original, from another result of the photo that is a cut-out, placed onto the original. */
async function maskFromCutOut(original: Picture, cutOutPaths: readonly string[]): Promise<Mask | null> {
  for (const path of cutOutPaths) {
    const cutOut = await load(path).catch(() => undefined)
    const mask = cutOut && maskByAlpha(cutOut)
    if (!cutOut || !mask) continue
    const placed = await register(cutOut, mask, original, guesses(cutOut, mask, original, null))
    if (placed) return placeMask(mask, placed, original.width, original.height)
  }
  return null
}

/** Where the original's product lies in the result, or why that cannot be told. */
async function placeProduct(original: Picture, result: Picture, cutOutPaths: readonly string[]): Promise<{ placement: Placement; originalMask: Mask | null; resultMask: Mask | null } | { reason: string }> {
  const resultMask = await productOf(result)
  const originalMask = (await productOf(original)) ?? (resultMask ? null : await maskFromCutOut(original, cutOutPaths))
  if (originalMask) {
    const placed = await register(original, originalMask, result, guesses(original, originalMask, result, resultMask))
    return placed ? { placement: placed, originalMask, resultMask } : { reason: CANNOT_LINE_UP }
  }
  if (!resultMask) return { reason: CANNOT_FIND }
  // Only the result shows where its product is: look for that in the original, and turn the answer round.
  const placed = await register(result, resultMask, original, guesses(result, resultMask, original, null))
  return placed ? { placement: inverse(placed), originalMask, resultMask } : { reason: CANNOT_LINE_UP }
}

/**
 * Where the result's product differs from the original's, as a red overlay the size of `resultPath`:
 * the result is first lined up with the original (a result may be padded, resized and moved), the
 * product found in it (by transparency, a plain background, or a cut-out variant's transparency in
 * `cutOutPaths`), and only changed product pixels are marked: an AI relight or text removal shows, a
 * new background or shadow does not. When the product cannot be found or lined up, the reason instead.
 * Decoding and the final overlay run in libvips; the comparison itself at WORK size.
 */
export async function differenceOverlay(originalPath: string, resultPath: string, cutOutPaths: readonly string[] = []): Promise<Difference> {
  const [original, result, meta] = await Promise.all([load(originalPath), load(resultPath), sharp(resultPath).metadata()])
  const placed = await placeProduct(original, result, cutOutPaths)
  if ('reason' in placed) return placed
  const strength = await changes(original, placed.originalMask, result, placed.resultMask, placed.placement)
  const size = { width: meta.autoOrient.width, height: meta.autoOrient.height }
  const alpha = await sharp(strength, { raw: { width: result.width, height: result.height, channels: 1 } })
    .resize(size.width, size.height, { fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer()
  const overlay = await sharp({ create: { ...size, channels: 3, background: { r: 255, g: 0, b: 64 } } })
    .joinChannel(alpha, { raw: { ...size, channels: 1 } })
    .png()
    .toBuffer()
  return { overlay }
}
