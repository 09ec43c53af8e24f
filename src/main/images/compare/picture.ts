/** Pixels as sharp hands them over raw: RGBA, row by row. */
export interface Picture {
  width: number
  height: number
  data: Uint8Array
}

/** Which pixels are the product, one byte each (1 or 0), with their bounding box (right and bottom exclusive). */
export interface Mask {
  width: number
  height: number
  bits: Uint8Array
  box: { left: number; top: number; right: number; bottom: number }
  count: number
}

/** Half the size, each pixel the mean of four: the next level of a search from coarse to fine. */
export function half(p: Picture): Picture {
  const width = Math.max(1, p.width >> 1)
  const height = Math.max(1, p.height >> 1)
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    const y0 = Math.min(p.height - 1, y * 2)
    const y1 = Math.min(p.height - 1, y * 2 + 1)
    for (let x = 0; x < width; x++) {
      const x0 = Math.min(p.width - 1, x * 2)
      const x1 = Math.min(p.width - 1, x * 2 + 1)
      const a = (y0 * p.width + x0) * 4
      const b = (y0 * p.width + x1) * 4
      const c = (y1 * p.width + x0) * 4
      const d = (y1 * p.width + x1) * 4
      const o = (y * width + x) * 4
      for (let k = 0; k < 4; k++) data[o + k] = (p.data[a + k]! + p.data[b + k]! + p.data[c + k]! + p.data[d + k]! + 2) >> 2
    }
  }
  return { width, height, data }
}

/** A mask at half the size: a pixel is product where at least three of the four below it are, so edges thin out. */
export function halfMask(m: Mask): Mask {
  const width = Math.max(1, m.width >> 1)
  const height = Math.max(1, m.height >> 1)
  const bits = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (xx: number, yy: number): number => m.bits[Math.min(m.height - 1, yy) * m.width + Math.min(m.width - 1, xx)]!
      bits[y * width + x] = at(x * 2, y * 2) + at(x * 2 + 1, y * 2) + at(x * 2, y * 2 + 1) + at(x * 2 + 1, y * 2 + 1) >= 3 ? 1 : 0
    }
  }
  return withBox(width, height, bits)
}

/** The picture halved until its long edge is at most `edge`: [full, half, quarter, …]. */
export function pyramid(p: Picture, edge: number): Picture[] {
  const levels = [p]
  while (Math.max(levels.at(-1)!.width, levels.at(-1)!.height) > edge) levels.push(half(levels.at(-1)!))
  return levels
}

export function withBox(width: number, height: number, bits: Uint8Array): Mask {
  let left = width
  let top = height
  let right = 0
  let bottom = 0
  let count = 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!bits[y * width + x]) continue
      count++
      if (x < left) left = x
      if (x >= right) right = x + 1
      if (y < top) top = y
      if (y >= bottom) bottom = y + 1
    }
  }
  return { width, height, bits, box: { left, top, right, bottom }, count }
}

/** The mask shrunk by `radius` pixels (4-neighbour steps): the product's edge, where resampling blurs, is left out. */
export function erode(m: Mask, radius: number): Mask {
  let bits = m.bits
  for (let step = 0; step < radius; step++) {
    const next = new Uint8Array(bits.length)
    for (let y = 1; y < m.height - 1; y++) {
      for (let x = 1; x < m.width - 1; x++) {
        const i = y * m.width + x
        next[i] = bits[i]! & bits[i - 1]! & bits[i + 1]! & bits[i - m.width]! & bits[i + m.width]!
      }
    }
    bits = next
  }
  return withBox(m.width, m.height, bits)
}

/** The mask grown by one pixel (4-neighbour). */
export function dilate(m: Mask): Mask {
  const bits = new Uint8Array(m.bits)
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const i = y * m.width + x
      if (m.bits[i]) continue
      const near = (x > 0 && m.bits[i - 1]) || (x < m.width - 1 && m.bits[i + 1]) || (y > 0 && m.bits[i - m.width]) || (y < m.height - 1 && m.bits[i + m.width])
      if (near) bits[i] = 1
    }
  }
  return withBox(m.width, m.height, bits)
}
