import { stat } from 'node:fs/promises'
import sharp from 'sharp'
import { STORE_RULES, type MarketplaceId, type StoreRule } from './marketplaces'

export interface StoreCheck {
  rule: string
  passed: boolean
  /** Plain sentences, one per failed rule; empty when it passed. */
  reasons: string[]
  format: string
  width: number
  height: number
  bytes: number
  /** How much of the frame the product spans (0–1), when the rule asks. */
  fill?: number
}

interface Pixels {
  data: Buffer
  width: number
  height: number
}

const px = (n: number): string => n.toLocaleString('en-US')
const percent = (share: number): string => `${Math.floor(share * 1000) / 10} %`

/** Checks one output (a file or its bytes) against a marketplace's rule; reasons say what failed and where. */
export async function checkForStore(image: string | Buffer, ruleOrId: StoreRule | MarketplaceId): Promise<StoreCheck> {
  const rule = typeof ruleOrId === 'string' ? STORE_RULES[ruleOrId] : ruleOrId
  const meta = await sharp(image).metadata()
  const format = meta.format
  const { width, height } = meta.autoOrient
  const bytes = typeof image === 'string' ? (await stat(image)).size : image.length
  const reasons = [...sizeProblems(rule, format, width, height, bytes)]
  let fill: number | undefined
  if (rule.whiteBackground || rule.minFill !== undefined) {
    const { data, info } = await sharp(image).autoOrient().toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const pixels = { data, width: info.width, height: info.height }
    if (rule.whiteBackground) {
      const problem = backgroundProblem(pixels)
      if (problem) reasons.push(problem)
    }
    if (rule.minFill !== undefined) {
      fill = productFill(pixels)
      if (fill === 0) reasons.push('no product found: the image is all background')
      else if (fill < rule.minFill) reasons.push(`the product fills ${percent(fill)} of the frame; ${rule.name} needs at least ${percent(rule.minFill)}`)
    }
  }
  return { rule: rule.name, passed: reasons.length === 0, reasons, format, width, height, bytes, ...(fill === undefined ? {} : { fill }) }
}

function* sizeProblems(rule: StoreRule, format: string, width: number, height: number, bytes: number): Generator<string> {
  const size = `the image is ${px(width)} × ${px(height)} px`
  if (rule.formats && !rule.formats.includes(format)) yield `${format.toUpperCase()} is not accepted; ${rule.name} takes ${rule.formats.map((f) => f.toUpperCase()).join(', ')}`
  if (rule.minLongestSide && Math.max(width, height) < rule.minLongestSide) yield `${size}; ${rule.name} needs at least ${px(rule.minLongestSide)} px on the longest side`
  if (rule.minShortestSide && Math.min(width, height) < rule.minShortestSide) yield `${size}; ${rule.name} needs at least ${px(rule.minShortestSide)} px on the shortest side`
  if (rule.maxSide && Math.max(width, height) > rule.maxSide) yield `${size}; ${rule.name} takes at most ${px(rule.maxSide)} px a side`
  if (rule.maxPixels && width * height > rule.maxPixels) yield `${size} (${px(width * height)} pixels); ${rule.name} takes at most ${px(rule.maxPixels)}`
  if (rule.maxBytes && bytes > rule.maxBytes) yield `the file is ${(bytes / 1e6).toFixed(1)} MB; ${rule.name} takes at most ${rule.maxBytes / 1e6} MB`
}

/** Corners first, then the four edges: the first pixel that is not opaque pure white, named by where it is. */
function backgroundProblem({ data, width, height }: Pixels): string | undefined {
  const right = width - 1
  const bottom = height - 1
  const places: [string, [number, number][]][] = [
    ['the top-left corner', [[0, 0]]],
    ['the top-right corner', [[right, 0]]],
    ['the bottom-left corner', [[0, bottom]]],
    ['the bottom-right corner', [[right, bottom]]],
    ['the top edge', Array.from({ length: width }, (_, x) => [x, 0])],
    ['the bottom edge', Array.from({ length: width }, (_, x) => [x, bottom])],
    ['the left edge', Array.from({ length: height }, (_, y) => [0, y])],
    ['the right edge', Array.from({ length: height }, (_, y) => [right, y])]
  ]
  for (const [place, points] of places) {
    for (const [x, y] of points) {
      const i = (y * width + x) * 4
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!]
      if (a < 255) return `the background is transparent at ${place}; the store shows it on its own colour, so fill it with white`
      if (r !== 255 || g !== 255 || b !== 255) return `background is not pure white (${r},${g},${b} at ${place})`
    }
  }
  return undefined
}

/** Pixels this far from the top-left corner's colour (or visible where it is transparent) are product; JPEG noise stays under it. */
const TOLERANCE = 12

/** The bounding box of every pixel that is not background, as the larger of its width and height shares. */
function productFill({ data, width, height }: Pixels): number {
  const [br, bg, bb, ba] = [data[0]!, data[1]!, data[2]!, data[3]!]
  let [left, right, top, bottom] = [width, -1, height, -1]
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const a = data[i + 3]!
      const product =
        ba < 255 ? a > TOLERANCE : a > TOLERANCE && Math.max(Math.abs(data[i]! - br), Math.abs(data[i + 1]! - bg), Math.abs(data[i + 2]! - bb)) > TOLERANCE
      if (!product) continue
      if (x < left) left = x
      if (x > right) right = x
      if (y < top) top = y
      bottom = y
    }
  }
  if (right < 0) return 0
  return Math.max((right - left + 1) / width, (bottom - top + 1) / height)
}
