import type { Metadata, Sharp } from 'sharp'
import type { InputLimits } from '../../shared/images/input-limits'
import type { ImageFormat } from '../../shared/images/formats'
import { JobError } from '../errors'
import type { UploadPlan } from './fit'
import { decodeHeic } from './heic'
import { headerOf } from './header'
import { iccDescription, isSrgbProfile } from './icc'
import { loadSharp } from './libraries'
import type { Source } from './source'

/** The bytes a provider receives, and what was done to the photo to make them. */
export interface Upload {
  bytes: Buffer
  format: ImageFormat
  notes: string[]
  /** The photo's web address, when the bytes are exactly what is there: providers that take an address are sent it instead. */
  url?: string
}

// 16-bit sRGB is still sRGB: only its depth changes.
const SRGB_SPACES = new Set(['srgb', 'rgb16', 'b-w', 'grey16'])

/** The name of a colour profile other than sRGB ("Display P3"), which the pixels are in; undefined for sRGB or none. */
function otherProfile(meta: Metadata): string | undefined {
  if (!meta.icc || isSrgbProfile(meta.icc)) return undefined
  return iccDescription(meta.icc) ?? 'its embedded colour profile'
}

/** The notes a photographer reads on the job for each change made on the way. */
function changes(meta: Metadata, from: ImageFormat, to: ImageFormat, plan: UploadPlan, limits: InputLimits): string[] {
  const notes: string[] = []
  const profile = otherProfile(meta)
  if (plan.resize) notes.push(`sent at ${plan.resize.width} × ${plan.resize.height}, from ${meta.autoOrient.width} × ${meta.autoOrient.height}`)
  if ((meta.pages ?? 1) > 1) notes.push(`an animation of ${meta.pages} frames: only the first frame was sent`)
  if (limits.srgbOnly && !SRGB_SPACES.has(meta.space ?? 'srgb')) notes.push(`converted from ${(meta.space ?? '').toUpperCase()} to sRGB, the only colour space the provider takes`)
  else if (limits.srgbOnly && profile) notes.push(`converted from ${profile} to sRGB, the only colour space the provider takes`)
  else if (limits.srgbOnly && meta.depth !== 'uchar') notes.push('converted from 16 bits to 8 bits per channel, as the provider takes')
  if (to !== from) notes.push(`sent as ${to.toUpperCase()}, converted from ${from.toUpperCase()}`)
  return notes
}

function encode(image: Sharp, format: ImageFormat, quality: number): Promise<Buffer> {
  if (format === 'png') return image.png({ compressionLevel: 9 }).toBuffer()
  if (format === 'webp') return image.webp({ quality }).toBuffer()
  return image.jpeg({ quality, chromaSubsampling: quality >= 90 ? '4:4:4' : '4:2:0' }).toBuffer()
}

/** Lower JPEG or WebP quality, then smaller sizes, until the file is under the provider's byte limit. */
async function underBytes(pipeline: (scale: number) => Sharp, format: ImageFormat, maxBytes: number): Promise<{ bytes: Buffer; format: ImageFormat }> {
  const lossy = format === 'png' ? 'jpeg' : format
  for (let scale = 1; scale > 0.05; scale *= 0.8) {
    for (const quality of [90, 80, 70]) {
      const bytes = await encode(pipeline(scale), lossy, quality)
      if (bytes.length <= maxBytes) return { bytes, format: lossy }
    }
  }
  throw new JobError('unsupported-input', `the photo could not be brought under ${maxBytes / 1024 / 1024} MB`)
}

/** The photo's pixels as sharp reads them: HEIC through the local decoder, anything else directly. */
async function opener(bytes: Buffer, format: ImageFormat): Promise<() => Sharp> {
  if (format === 'heic') return decodeHeic(bytes)
  const sharp = await loadSharp()
  return () => sharp(bytes)
}

/**
 * What to upload, made from exactly the hashed bytes: the file itself when the provider takes it as it
 * is, else turned upright, fitted (Lanczos, aspect kept), converted to 8-bit sRGB, the first frame of an
 * animation, decoded from HEIC, or re-encoded under the byte limit. High-quality JPEG, or PNG for
 * transparency; the colour profile is kept unless the colours were converted (from the profile, when the
 * provider takes sRGB only).
 */
export async function buildUpload(source: Source, photo: { format: ImageFormat; orientation: number }, plan: UploadPlan, limits: InputLimits): Promise<Upload> {
  const { bytes } = source
  const sourceNotes = source.note ? [source.note] : []
  const overBytes = !!limits.maxBytes && bytes.length > limits.maxBytes
  // A HEIC the provider takes goes as it is: only a decode could tell more, and it is not needed.
  if (photo.format === 'heic' && plan.sent.format === 'heic' && !plan.resize && !overBytes) return { bytes, format: 'heic', notes: sourceNotes }
  const open = await opener(bytes, photo.format)
  const meta = photo.format === 'heic' ? await open().metadata() : await headerOf(bytes)
  let format = plan.sent.format
  if (format === 'jpeg' && meta.hasAlpha && photo.format !== 'jpeg') format = 'png'
  const notes = changes(meta, photo.format, format, plan, limits)
  if (!notes.length && photo.orientation <= 1 && !overBytes) return { bytes, format, notes: sourceNotes }
  const convert = limits.srgbOnly && (!SRGB_SPACES.has(meta.space ?? 'srgb') || meta.depth !== 'uchar' || !!otherProfile(meta))
  const size = plan.resize ?? meta.autoOrient
  const pipeline = (scale = 1): Sharp => {
    const image = open().rotate()
    const coloured = convert ? image.toColourspace('srgb') : image.keepIccProfile()
    if (!plan.resize && scale === 1) return coloured
    return coloured.resize(Math.round(size.width * scale), Math.round(size.height * scale), { kernel: 'lanczos3', fit: 'fill' })
  }
  const encoded = await encode(pipeline(), format, 95)
  if (!limits.maxBytes || encoded.length <= limits.maxBytes) return { bytes: encoded, format, notes: [...sourceNotes, ...notes] }
  const fitted = await underBytes(pipeline, format, limits.maxBytes)
  const megabytes = (fitted.bytes.length / 1024 / 1024).toFixed(1)
  notes.push(`re-encoded as ${fitted.format.toUpperCase()} at ${megabytes} MB to fit the provider's ${limits.maxBytes / 1024 / 1024} MB limit`)
  return { bytes: fitted.bytes, format: fitted.format, notes: [...sourceNotes, ...notes] }
}
