import type { Sharp } from 'sharp'
import { heicIccProfile } from './heic-colour'
import { decodeOnThread } from './heic-thread'
import { pngWithIcc } from './icc'
import { loadSharp } from './libraries'

/**
 * The primary image's size, read from the container without decoding a pixel (the prebuilt sharp has
 * no HEVC decoder, so libheif's WebAssembly build reads HEIC, on its own thread). Throws when libheif
 * cannot read it.
 */
export async function heicSize(bytes: Buffer): Promise<{ width: number; height: number }> {
  const { width, height } = await decodeOnThread(bytes, false)
  return { width, height }
}

/**
 * The primary image decoded upright (libheif applies the container's rotation and mirroring), as a
 * sharp source: without its alpha channel when nothing is transparent, so it can go as JPEG, and with
 * the HEIC's colour profile, which the decoder drops, put back.
 */
export async function decodeHeic(bytes: Buffer): Promise<() => Sharp> {
  const { width, height, data } = await decodeOnThread(bytes, true)
  const sharp = await loadSharp()
  if (!data) throw new Error('the HEIC decoder returned no pixels')
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
