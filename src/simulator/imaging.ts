import sharp, { type OutputInfo, type Sharp } from 'sharp'
import { formatOf, type ImageFormat } from './image-format'

export class MalformedImage extends Error {}

export interface InspectedImage {
  format: ImageFormat
  /** Upright dimensions (EXIF orientation applied); 0 when the simulator cannot decode the format (HEIC). */
  width: number
  height: number
  /** Photoroom reads sRGB only: false for CMYK, Lab and the like. */
  srgb: boolean
}

const SRGB_SPACES = new Set(['srgb', 'rgb16', 'b-w', 'grey16'])

export type Inspection = { ok: true; image: InspectedImage } | { ok: false; reason: 'unsupported' | 'malformed' }

/** Reads format and size from the bytes: unsupported when the format is not `accepted`, malformed when it won't decode. */
export async function inspectImage(bytes: Buffer, accepted: readonly ImageFormat[]): Promise<Inspection> {
  const format = formatOf(bytes)
  if (!format || !accepted.includes(format)) return { ok: false, reason: 'unsupported' }
  if (format === 'heic') return { ok: true, image: { format, width: 0, height: 0, srgb: true } }
  try {
    const meta = await sharp(bytes).metadata()
    return { ok: true, image: { format, width: meta.autoOrient.width, height: meta.autoOrient.height, srgb: SRGB_SPACES.has(meta.space ?? 'srgb') } }
  } catch {
    return { ok: false, reason: 'malformed' }
  }
}

export interface Box {
  left: number
  top: number
  width: number
  height: number
}

export interface Cutout {
  rgba: Buffer
  width: number
  height: number
  /** Pixels kept as subject; 0 means no foreground was found. */
  foreground: number
  /** Where those pixels are: the subject's box; null when there are none. */
  subject: Box | null
}

/** sRGB-encoded value (0–1) to linear light. */
const toLinear = (v: number): number => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)

/** Each 8-bit value's linear light. */
const LINEAR = Array.from({ length: 256 }, (_, v) => toLinear(v / 255))

/** The linear luminance from which an 8-bit grey (sRGB-encoded, rounded) has value g. */
const GREY_STARTS = Array.from({ length: 257 }, (_, g) => (g === 0 ? -Infinity : toLinear((g - 0.5) / 255)))

/** Alpha rises from 0 at grey 20 to 255 at grey 45 of the difference from the background. */
const ALPHA_LOW = 20
const ALPHA_HIGH = 45

/** The alpha of a pixel whose difference from the background has linear luminance `y`. */
function alphaOf(y: number): number {
  if (y < (GREY_STARTS[ALPHA_LOW + 1] as number)) return 0
  if (y >= (GREY_STARTS[ALPHA_HIGH] as number)) return 255
  let grey = ALPHA_LOW + 1
  while (y >= (GREY_STARTS[grey + 1] as number)) grey++
  return Math.round(((grey - ALPHA_LOW) * 255) / (ALPHA_HIGH - ALPHA_LOW))
}

/** Pixels worked between two looks at the event loop: well under a millisecond. */
const PIXELS_PER_STEP = 32_768

/**
 * A stand-in for segmentation: the background is the colour of the four corners, and each pixel's
 * alpha grows with the luminance of its difference from it. Decoding runs in libvips; the per-pixel
 * pass is a loop of table lookups (a few milliseconds a photo; libvips' float compositing took 60 ms
 * of CPU, more than a core at a bench's 20 answers a second), done in steps that let the event loop
 * in between, so the simulator timestamps and answers other requests on time as a real API edge would.
 */
export async function cutout(bytes: Buffer, format: ImageFormat): Promise<Cutout> {
  // libvips here has no HEVC decoder, so a HEIC input gets a neutral placeholder subject.
  const source =
    format === 'heic'
      ? sharp({ create: { width: 512, height: 512, channels: 3, background: '#ffffff' } }).composite([
          { input: { create: { width: 256, height: 256, channels: 3, background: '#808080' } }, gravity: 'center' }
        ])
      : sharp(bytes, { failOn: 'truncated' }).rotate()
  let decoded: { data: Buffer; info: OutputInfo }
  try {
    // Three 8-bit channels whatever arrived (greyscale, 16-bit, CMYK): the loop below reads RGB bytes.
    decoded = await source.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
  } catch {
    throw new MalformedImage('The image could not be decoded')
  }
  const { data, info } = decoded
  const { width, height } = info
  const corner = (x: number, y: number): number[] => [0, 1, 2].map((c) => data[(y * width + x) * 3 + c] ?? 0)
  const corners = [corner(0, 0), corner(width - 1, 0), corner(0, height - 1), corner(width - 1, height - 1)]
  const [r0, g0, b0] = [0, 1, 2].map((c) => Math.round(corners.reduce((sum, px) => sum + (px[c] ?? 0), 0) / 4)) as [number, number, number]
  const rgba = Buffer.allocUnsafe(width * height * 4)
  let foreground = 0
  let [left, right, top, bottom] = [width, -1, height, -1]
  for (let i = 0, o = 0; i < data.length; i += 3, o += 4) {
    if (i % (PIXELS_PER_STEP * 3) === 0 && i > 0) await new Promise(setImmediate)
    const r = data[i] as number
    const g = data[i + 1] as number
    const b = data[i + 2] as number
    const luminance = 0.2126 * (LINEAR[Math.abs(r - r0)] as number) + 0.7152 * (LINEAR[Math.abs(g - g0)] as number) + 0.0722 * (LINEAR[Math.abs(b - b0)] as number)
    const alpha = alphaOf(luminance)
    rgba[o] = r
    rgba[o + 1] = g
    rgba[o + 2] = b
    rgba[o + 3] = alpha
    if (alpha < 128) continue
    foreground++
    const x = (i / 3) % width
    const y = (i / 3 - x) / width
    if (x < left) left = x
    if (x > right) right = x
    if (y < top) top = y
    bottom = y
  }
  return { rgba, width, height, foreground, subject: right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 } }
}

export type OutputFormat = 'png' | 'jpeg' | 'webp' | 'avif'

export interface RenderOptions {
  format: OutputFormat
  /** Flatten onto this colour (CSS colour or hex without '#'); transparent when absent. */
  background?: string
  /** Only the mask, as a greyscale image (Photoroom `channels=alpha`). */
  alphaOnly?: boolean
  crop?: boolean
  /** Fit inside this box, keeping the aspect ratio. */
  box?: { width: number; height: number }
  /** Scale down to at most this many pixels. */
  maxPixels?: number
  watermark?: boolean
  /** Keep the original background (no cut-out). */
  opaque?: boolean
  /** Tint for AI-style edits, so different outputs are visibly different. */
  tint?: { r: number; g: number; b: number }
}

export const contentTypes: Record<OutputFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif'
}

function normalizeColor(color: string): string {
  return /^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(color) ? `#${color}` : color
}

const WATERMARK = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="72"><text x="8" y="54" font-size="52" font-family="sans-serif" fill="rgba(255,255,255,0.7)" stroke="rgba(0,0,0,0.5)">PHOTOROOM SANDBOX</text></svg>'
)

/**
 * PNGs are packed lightly: the same pixels, in a fraction of the time. At a bench's 20 answers a second
 * the default packing took more than one of a 2-core machine's cores from the client it measures.
 */
const QUICK_PNG = { compressionLevel: 1 }

/** sharp runs its operations in a fixed order whatever the call order, so each stage is materialised. */
async function stage(input: Sharp, step: (image: Sharp) => Sharp): Promise<Sharp> {
  return sharp(await step(input).png(QUICK_PNG).toBuffer())
}

/** The pixels a render starts from: a cut-out, or one placed on its output canvas. */
export type Pixels = Pick<Cutout, 'rgba' | 'width' | 'height'>

export async function render(cut: Pixels, options: RenderOptions): Promise<Buffer> {
  let image = sharp(cut.rgba, { raw: { width: cut.width, height: cut.height, channels: 4 } })
  if (options.opaque) image = await stage(image, (i) => i.removeAlpha())
  if (options.crop) image = await stage(image, (i) => i.trim({ threshold: 0 }))
  if (options.alphaOnly) image = await stage(image, (i) => i.extractChannel(3))
  const tint = options.tint
  if (tint) image = await stage(image, (i) => i.tint(tint))
  const maxPixels = options.maxPixels
  if (maxPixels) {
    const { width = 1, height = 1 } = await image.metadata()
    const scale = Math.sqrt(maxPixels / (width * height))
    if (scale < 1) image = await stage(image, (i) => i.resize(Math.max(1, Math.floor(width * scale))))
  }
  const box = options.box
  if (box) image = await stage(image, (i) => i.resize(box.width, box.height, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }))
  const background = options.background && options.background !== 'transparent' ? normalizeColor(options.background) : undefined
  if (background || options.format === 'jpeg') {
    image = await stage(image, (i) => i.flatten({ background: background ?? '#ffffff' }))
  }
  if (options.watermark) {
    const { width = 640 } = await image.metadata()
    const mark = await sharp(WATERMARK).resize({ width: Math.max(16, Math.floor(width * 0.8)) }).png().toBuffer()
    image = await stage(image, (i) => i.composite([{ input: mark, gravity: 'center' }]))
  }
  return image.toFormat(options.format, options.format === 'png' ? QUICK_PNG : {}).toBuffer()
}
