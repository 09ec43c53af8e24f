import { setImmediate as yieldToEvents } from 'node:timers/promises'
import { erode, withBox, type Mask, type Picture } from './picture'
import type { Placement } from './registration'

/** A difference this large (largest channel, of 255) is a change; below it, compression and resampling. */
const CHANGED = 40

/** The source's colour at a point between pixels, weighed from its four neighbours. */
function sample(p: Picture, u: number, v: number, channel: number): number {
  const x0 = Math.floor(u)
  const y0 = Math.floor(v)
  const x1 = Math.min(p.width - 1, x0 + 1)
  const y1 = Math.min(p.height - 1, y0 + 1)
  const fx = u - x0
  const fy = v - y0
  const at = (x: number, y: number): number => p.data[(y * p.width + x) * 4 + channel]!
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy
}

/** The smallest difference (largest channel) between the target pixel at `at` and the source around (u, v), up to `step` away. */
function nearest(source: Picture, u: number, v: number, step: number, target: Uint8Array, at: number): number {
  let best = Infinity
  for (let dv = -step; dv <= step; dv += step) {
    for (let du = -step; du <= step; du += step) {
      const su = Math.min(source.width - 1, Math.max(0, u + du))
      const sv = Math.min(source.height - 1, Math.max(0, v + dv))
      let d = 0
      for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs(target[at + k]! - sample(source, su, sv, k)))
      if (d < best) best = d
    }
  }
  return best
}

/**
 * How strongly each target pixel of the product changed from the source placed there (0 where it did
 * not, or where it is not product). The product is the source's mask as placed in the target, and the
 * target's own mask when it has one, both without their edges, where resampling and anti-aliasing
 * differ; lone pixels are noise, not changes.
 */
export async function changes(source: Picture, sourceMask: Mask | null, target: Picture, targetMask: Mask | null, p: Placement): Promise<Uint8Array> {
  const inSource = sourceMask && erode(sourceMask, Math.max(1, Math.ceil(2 / p.scale)))
  await yieldToEvents()
  const inTarget = targetMask && erode(targetMask, 2)
  await yieldToEvents()
  const { width, height, data } = target
  // A colour edge inside the product is blurred differently by each resampling and JPEG's halved colour:
  // a pixel counts as changed only if no source pixel right around its place matches it.
  const step = Math.max(1, 1 / p.scale)
  const strength = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    // Main's events go through every few rows: a large product takes tens of milliseconds.
    if (y % 32 === 31) await yieldToEvents()
    for (let x = 0; x < width; x++) {
      const i = y * width + x
      if ((inTarget && !inTarget.bits[i]) || data[i * 4 + 3]! < 128) continue
      const u = (x - p.x) / p.scale
      const v = (y - p.y) / p.scale
      // Outside the original there is nothing to compare with.
      if (u < 0 || v < 0 || u > source.width - 1 || v > source.height - 1) continue
      if (inSource && !inSource.bits[Math.round(v) * source.width + Math.round(u)]) continue
      const d = nearest(source, u, v, step, data, i * 4)
      if (d > CHANGED) strength[i] = Math.min(255, 128 + Math.round((d - CHANGED) * 2))
    }
  }
  await yieldToEvents()
  return withoutSpecks(strength, width, height)
}

/** A changed pixel with fewer than three changed neighbours is noise. */
function withoutSpecks(strength: Uint8Array, width: number, height: number): Uint8Array {
  const kept = new Uint8Array(strength.length)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x
      if (!strength[i]) continue
      let near = 0
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx
          const yy = y + dy
          if ((dx || dy) && xx >= 0 && yy >= 0 && xx < width && yy < height && strength[yy * width + xx]) near++
        }
      }
      if (near >= 3) kept[i] = strength[i]!
    }
  }
  return kept
}

/** A mask of the source placed in a picture of the given size: which of its pixels are product. */
export function placeMask(mask: Mask, p: Placement, width: number, height: number): Mask {
  const bits = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = Math.round((x - p.x) / p.scale)
      const v = Math.round((y - p.y) / p.scale)
      if (u >= 0 && v >= 0 && u < mask.width && v < mask.height) bits[y * width + x] = mask.bits[v * mask.width + u]!
    }
  }
  return withBox(width, height, bits)
}
