import sharp, { type OverlayOptions } from 'sharp'

/** Crafted product shots for comparing a result with its photo: a recognisable product on a plain or busy background. */

export interface Box {
  left: number
  top: number
  width: number
  height: number
}

/** A product with something to recognise it by: a gradient body, a label and stripes. */
function productSvg(width: number, height: number): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#1d4f91"/><stop offset="1" stop-color="#3a86d4"/></linearGradient></defs>
    <rect width="${width}" height="${height}" rx="${width / 12}" fill="url(#g)"/>
    <rect x="${width * 0.15}" y="${height * 0.2}" width="${width * 0.7}" height="${height * 0.35}" fill="#f4f1e8"/>
    <rect x="${width * 0.2}" y="${height * 0.28}" width="${width * 0.45}" height="${height * 0.06}" fill="#b0302a"/>
    <rect x="${width * 0.2}" y="${height * 0.4}" width="${width * 0.3}" height="${height * 0.05}" fill="#2a2a2a"/>
    <rect x="0" y="${height * 0.75}" width="${width}" height="${height * 0.08}" fill="#e2b33c"/>
  </svg>`)
}

/** A busy scene behind the product: what an AI background or a photo on a table looks like to a mask. */
export function sceneSvg(width: number, height: number, seed: number): Buffer {
  const blobs = Array.from({ length: 40 }, (_, i) => {
    const k = (i * 7919 + seed * 104729) % 9973
    return `<circle cx="${(k * 37) % width}" cy="${(k * 53) % height}" r="${20 + (k % 60)}" fill="hsl(${(k * 13) % 360}, 45%, ${35 + (k % 40)}%)"/>`
  })
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#6b5a48"/>${blobs.join('')}</svg>`)
}

const PRODUCT = { width: 240, height: 160 }

export async function picture(path: string, size: { width: number; height: number }, background: string | Buffer, product: Box, options: { patch?: Box; alpha?: boolean } = {}): Promise<string> {
  const body = await sharp(productSvg(PRODUCT.width, PRODUCT.height)).resize(product.width, product.height, { fit: 'fill' }).png().toBuffer()
  const layers: OverlayOptions[] = [{ input: body, left: product.left, top: product.top }]
  if (options.patch) layers.push({ input: { create: { width: options.patch.width, height: options.patch.height, channels: 4, background: '#f0e020' } }, left: options.patch.left, top: options.patch.top })
  const base =
    typeof background === 'string'
      ? sharp({ create: { ...size, channels: 4, background: options.alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : background } })
      : sharp(background).resize(size.width, size.height, { fit: 'fill' }).ensureAlpha()
  const flat = await base.composite(layers).png().toBuffer()
  await (options.alpha ? sharp(flat).png() : sharp(flat).flatten().jpeg({ quality: 90 })).toFile(path)
  return path
}
