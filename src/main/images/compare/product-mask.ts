import { dilate, erode, withBox, type Mask, type Picture } from './picture'

/** How far (largest channel difference) a pixel may be from the background colour and still be background: JPEG noise, a sweep's falloff. */
const TOLERANCE = 28
/** The share of the border that must have the background colour for the background to count as plain. */
const PLAIN_BORDER = 0.9

/** The product of a cut-out: where it is opaque. Null when the picture has (next to) no transparency. */
export function maskByAlpha(p: Picture): Mask | null {
  const n = p.width * p.height
  const bits = new Uint8Array(n)
  let clear = 0
  for (let i = 0; i < n; i++) {
    if (p.data[i * 4 + 3]! >= 128) bits[i] = 1
    else clear++
  }
  return clear >= n * 0.01 ? sensible(withBox(p.width, p.height, bits)) : null
}

/**
 * The product against a plain background (a white or coloured sweep): the border's colour is the
 * background's, and the product is everything the background does not reach from the border, so a
 * white label inside it stays part of it. Null when the border is not one colour (a scene, an AI
 * background), or when nothing or everything would be product.
 */
export function maskByBackground(p: Picture): Mask | null {
  const background = borderColour(p)
  if (!background) return null
  const { width, height, data } = p
  const n = width * height
  // Background-coloured (or transparent) pixels, then flooded from the border with a plain array as the stack.
  const plain = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const o = i * 4
    plain[i] = data[o + 3]! < 128 || (Math.abs(data[o]! - background[0]) <= TOLERANCE && Math.abs(data[o + 1]! - background[1]) <= TOLERANCE && Math.abs(data[o + 2]! - background[2]) <= TOLERANCE) ? 1 : 0
  }
  const reached = new Uint8Array(n)
  const stack = new Int32Array(n)
  let top = 0
  for (let i = 0; i < n; i++) {
    const x = i % width
    const edge = x === 0 || x === width - 1 || i < width || i >= n - width
    if (edge && plain[i]) {
      reached[i] = 1
      stack[top++] = i
    }
  }
  while (top > 0) {
    const i = stack[--top]!
    const x = i % width
    for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
      if (j < 0 || j >= n || reached[j] || !plain[j]) continue
      reached[j] = 1
      stack[top++] = j
    }
  }
  const bits = new Uint8Array(n)
  for (let i = 0; i < n; i++) bits[i] = reached[i] ? 0 : 1
  // Specks of noise in the background are not product: open the mask (shrink, then grow back).
  return sensible(dilate(erode(withBox(width, height, bits), 1)))
}

/** The colour most of the border has (each channel's median), or null when too little of the border is near it. */
function borderColour(p: Picture): [number, number, number] | null {
  const { width, height, data } = p
  const ring = Math.max(1, Math.round(Math.min(width, height) * 0.01))
  const border: number[] = []
  const histograms = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)]
  for (let y = 0; y < height; y++) {
    const inner = y >= ring && y < height - ring
    for (let x = 0; x < width; x++) {
      // The inside of a row is not border.
      if (inner && x === ring) x = width - ring
      const i = (y * width + x) * 4
      if (data[i + 3]! < 128) continue
      border.push(i)
      for (let k = 0; k < 3; k++) histograms[k]![data[i + k]!]!++
    }
  }
  if (border.length < 8) return null
  const median = (histogram: Uint32Array): number => {
    for (let value = 0, seen = 0; value < 256; value++) if ((seen += histogram[value]!) > border.length >> 1) return value
    return 255
  }
  const colour: [number, number, number] = [median(histograms[0]!), median(histograms[1]!), median(histograms[2]!)]
  const near = border.filter((i) => Math.max(Math.abs(data[i]! - colour[0]), Math.abs(data[i + 1]! - colour[1]), Math.abs(data[i + 2]! - colour[2])) <= TOLERANCE).length
  return near >= border.length * PLAIN_BORDER ? colour : null
}

/** A product is more than a speck and less than the whole frame. */
function sensible(mask: Mask): Mask | null {
  const n = mask.width * mask.height
  return mask.count >= n * 0.002 && mask.count <= n * 0.97 ? mask : null
}
