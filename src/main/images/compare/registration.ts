import { setImmediate as yieldToEvents } from 'node:timers/promises'
import { erode, half, halfMask, pyramid, type Mask, type Picture } from './picture'

/** Where a source pixel (u, v) lies in the target: (scale·u + x, scale·v + y). Photo APIs scale and move a product, never turn it. */
export interface Placement {
  scale: number
  x: number
  y: number
}

/**
 * One sample's largest cost, a little above compression noise: a patch the result changed then weighs
 * no more than a misplaced edge, so a changed product still lines up where it belongs.
 */
const CAP = 24
/** Long edge of the coarsest level, where every scale and position is tried. */
const COARSE_EDGE = 64
/** A match this good (mean, out of CAP) is taken without searching everywhere. */
const GOOD = 5
/** Worse than this at full size, the two do not show the same product. */
const BAD = 14

interface Samples {
  u: Float32Array
  v: Float32Array
  luma: Uint8Array
  n: number
}

/**
 * Brightness, which JPEG keeps at full resolution: its colour is stored at half, and blurs colour
 * edges differently in each file, so matching by colour would pull a placement off by a pixel or two.
 */
const luma = (data: Uint8Array, i: number): number => (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]!) >> 8

/** Up to `most` product pixels on an even grid, away from the mask's edge. */
function samplesOf(source: Picture, mask: Mask, most: number): Samples {
  const { left, top, right, bottom } = mask.box
  const stride = Math.max(1, Math.floor(Math.sqrt(mask.count / most)))
  const u: number[] = []
  const v: number[] = []
  const values: number[] = []
  for (let y = top; y < bottom; y += stride) {
    for (let x = left; x < right; x += stride) {
      if (!mask.bits[y * mask.width + x]) continue
      u.push(x)
      v.push(y)
      values.push(luma(source.data, (y * source.width + x) * 4))
    }
  }
  return { u: Float32Array.from(u), v: Float32Array.from(v), luma: Uint8Array.from(values), n: u.length }
}

/** Mean capped brightness difference of the samples placed in the target; stops early once it cannot beat `limit`. */
function cost(s: Samples, target: Picture, p: Placement, limit = Infinity): number {
  const most = limit * s.n
  let sum = 0
  for (let k = 0; k < s.n; k++) {
    const x = Math.round(p.scale * s.u[k]! + p.x)
    const y = Math.round(p.scale * s.v[k]! + p.y)
    if (x < 0 || y < 0 || x >= target.width || y >= target.height) sum += CAP
    else {
      const i = (y * target.width + x) * 4
      // A transparent target pixel is no product at all.
      sum += target.data[i + 3]! < 128 ? CAP : Math.min(CAP, Math.abs(luma(target.data, i) - s.luma[k]!))
    }
    if (sum > most) return Infinity
  }
  return s.n ? sum / s.n : Infinity
}

type Scored = Placement & { cost: number }

/**
 * Every scale at which the product fits the target, at every position: the coarsest level only. Main's
 * events are let through after each scale, so a long search never holds up the window.
 */
async function everywhere(s: Samples, mask: Mask, target: Picture): Promise<Scored[]> {
  const { left, top, right, bottom } = mask.box
  const largest = 1.1 * Math.min(target.width / (right - left), target.height / (bottom - top))
  const found: Scored[] = []
  for (let scale = largest; scale >= largest / 8; scale /= 1.05) {
    let best: Scored = { scale, x: 0, y: 0, cost: Infinity }
    for (let y = Math.floor(-scale * top - 2); y <= target.height - scale * bottom + 2; y++) {
      for (let x = Math.floor(-scale * left - 2); x <= target.width - scale * right + 2; x++) {
        const c = cost(s, target, { scale, x, y }, best.cost)
        if (c < best.cost) best = { scale, x, y, cost: c }
      }
    }
    found.push(best)
    await yieldToEvents()
  }
  return found.sort((a, b) => a.cost - b.cost).slice(0, 4)
}

/** The best placement near `p`: scale within ±`spread` in 1 % steps, position within ±`radius` pixels. */
function around(s: Samples, target: Picture, p: Placement, spread: number, radius: number): Scored {
  let best: Scored = { ...p, cost: cost(s, target, p) }
  for (let f = -spread; f <= spread; f += 0.01) {
    const scale = p.scale * (1 + f)
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const candidate = { scale, x: p.x + dx, y: p.y + dy }
        const c = cost(s, target, candidate, best.cost)
        if (c < best.cost) best = { ...candidate, cost: c }
      }
    }
  }
  return best
}

/** A placement found at a coarse level, made finer level by level down to full size. */
function refine(samples: Samples[], targets: Picture[], from: number, p: Placement): Scored {
  let best: Scored = { ...p, cost: Infinity }
  for (let level = from; level >= 0; level--) {
    const f = 2 ** level
    const found = around(samples[level]!, targets[level]!, { scale: best.scale, x: best.x / f, y: best.y / f }, level === from ? 0.04 : 0.02, 2)
    best = { scale: found.scale, x: found.x * f, y: found.y * f, cost: found.cost }
  }
  return best
}

/**
 * Where the source's product (its mask) lies in the target, found by its colours: first near each
 * guess (the same framing, the products' boxes), else everywhere at a coarse level, then finer level by
 * level. Null when nothing matches well enough to say the two show the same product.
 */
export async function register(source: Picture, mask: Mask, target: Picture, guesses: Placement[]): Promise<Scored | null> {
  const targets = pyramid(target, COARSE_EDGE)
  const coarsest = targets.length - 1
  // Away from the edge at full size (resampling blurs it); each coarser level drops its own edge.
  const masks = [erode(mask, 1)]
  const sources = [source]
  for (let level = 1; level <= coarsest; level++) {
    masks.push(halfMask(masks[level - 1]!))
    sources.push(half(sources[level - 1]!))
  }
  const samples = sources.map((picture, level) => samplesOf(picture, masks[level]!, level === coarsest ? 120 : level === 0 ? 2500 : 800))
  if (samples.some((s) => s.n === 0)) return null
  const start = Math.min(2, coarsest)
  let best: Scored | undefined
  const consider = async (found: Scored): Promise<void> => {
    if (!best || found.cost < best.cost) best = found
    await yieldToEvents()
  }
  for (const guess of guesses) await consider(refine(samples, targets, start, guess))
  if (!best || best.cost > GOOD) {
    const f = 2 ** coarsest
    for (const rough of await everywhere(samples[coarsest]!, masks[coarsest]!, targets[coarsest]!)) {
      await consider(refine(samples, targets, coarsest, { scale: rough.scale, x: rough.x * f, y: rough.y * f }))
    }
  }
  return best && best.cost <= BAD ? best : null
}
