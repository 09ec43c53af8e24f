import sharp, { type Sharp } from 'sharp'
import { heicIccProfile } from './heic-colour'
import { pngWithIcc } from './icc'

/** Loaded on first use: libheif's WebAssembly is megabytes that a folder without HEIC never needs. */
async function decoder(): Promise<typeof import('heic-decode').default> {
  return (await import('heic-decode')).default
}

let quietCalls = 0
const log = console.log

/**
 * libheif's JavaScript wrapper reports a file it cannot parse with console.log, which would land in the
 * CLI's JSON output; the failure itself still throws, and Proofsheet gives its own reason.
 */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  if (quietCalls++ === 0) console.log = () => undefined
  try {
    return await run()
  } finally {
    if (--quietCalls === 0) console.log = log
  }
}

/**
 * The primary image's size, read from the container without decoding a pixel (the prebuilt sharp has
 * no HEVC decoder, so libheif's WebAssembly build reads HEIC). Throws when libheif cannot read it.
 */
export async function heicSize(bytes: Buffer): Promise<{ width: number; height: number }> {
  const read = await decoder()
  const images = await quietly(() => read.all({ buffer: bytes }))
  try {
    const primary = images[0]
    if (!primary) throw new Error('no image in the HEIC file')
    return { width: primary.width, height: primary.height }
  } finally {
    images.dispose()
  }
}

/**
 * The primary image decoded upright (libheif applies the container's rotation and mirroring), as a
 * sharp source: without its alpha channel when nothing is transparent, so it can go as JPEG, and with
 * the HEIC's colour profile, which the decoder drops, put back.
 */
export async function decodeHeic(bytes: Buffer): Promise<() => Sharp> {
  const read = await decoder()
  const { width, height, data } = await quietly(() => read({ buffer: bytes }))
  const rgba = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const { isOpaque } = await sharp(rgba, { raw: { width, height, channels: 4 } }).stats()
  // Dropped here, not in the returned pipeline: sharp's metadata describes a raw input, not what it would output.
  const pixels = isOpaque ? await sharp(rgba, { raw: { width, height, channels: 4 } }).removeAlpha().raw().toBuffer() : rgba
  const raw = { raw: { width, height, channels: isOpaque ? (3 as const) : (4 as const) } }
  const icc = heicIccProfile(bytes)
  if (!icc) return () => sharp(pixels, raw)
  const png = pngWithIcc(await sharp(pixels, raw).png({ compressionLevel: 1 }).toBuffer(), icc)
  return () => sharp(png)
}
