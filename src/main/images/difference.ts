import sharp from 'sharp'
import { PREVIEW_EDGE } from './previews'

/** How strongly a change shows: a difference of 1/AMPLIFY of full scale is drawn fully opaque. */
const AMPLIFY = 4

/**
 * Where a result's pixels differ from the original, as a red overlay the size of the result's preview:
 * transparent where nothing changed, red where the product itself was altered (an AI relight, a
 * text removal, a reshaped edge). Areas the result made transparent (a removed background) are left
 * out, since that change is the point. All pixel work runs in libvips, off main's event loop.
 */
export async function differenceOverlay(originalPath: string, resultPath: string): Promise<Buffer> {
  const { data: resultPixels, info } = await sharp(resultPath)
    .rotate()
    .resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: 'inside', withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const size = { width: info.width, height: info.height }
  const rgba = { raw: { ...size, channels: 4 as const } }
  const grey = { raw: { ...size, channels: 1 as const } }
  const original = await sharp(originalPath).rotate().resize(size.width, size.height, { fit: 'fill' }).removeAlpha().png().toBuffer()
  // sharp runs a pipeline's steps in its own fixed order, so each step that must follow a composite is its own pass.
  const difference = await sharp(resultPixels, rgba).removeAlpha().composite([{ input: original, blend: 'difference' }]).png().toBuffer()
  const changed = await sharp(difference).greyscale().linear(AMPLIFY, 0).extractChannel(0).raw().toBuffer()
  // Where the result is (mostly) opaque: 255, elsewhere 0, so a bitwise AND keeps the change only there.
  const alpha = await sharp(resultPixels, rgba).extractChannel(3).raw().toBuffer()
  // (Each single-band pass asks for band 0 back: sharp hands raw output over as sRGB otherwise.)
  const kept = await sharp(alpha, grey).threshold(128).extractChannel(0).raw().toBuffer()
  const masked = await sharp(changed, grey).boolean(kept, 'and', grey).extractChannel(0).raw().toBuffer()
  return sharp({ create: { ...size, channels: 3, background: { r: 255, g: 0, b: 64 } } })
    .joinChannel(masked, grey)
    .png()
    .toBuffer()
}
