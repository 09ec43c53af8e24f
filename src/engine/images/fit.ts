import type { InputLimits } from '../../shared/images/input-limits'
import type { ImageFormat } from '../../shared/images/formats'
import type { InputImage } from '../../shared/operations'

/** How a photo will be sent: what the provider will see, and whether it is downscaled on the way. */
export interface UploadPlan {
  /** What the provider receives, for its checks: the format and size after any conversion or fitting. */
  sent: InputImage
  /** Downscaled to this upright size (aspect kept) when the photo is over the provider's side limit. */
  resize?: { width: number; height: number }
  /** Set when fitting was needed but the setting is off: the checks' reasons then stand. */
  fitRefused?: boolean
}

/** The largest size inside `maxSide` with the photo's aspect, rounded as an image editor would. */
export function fittedSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = maxSide / Math.max(width, height)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** A format the provider does not take is sent as PNG (GIFs keep their transparency) or JPEG. */
export function sentFormat(format: ImageFormat, limits: InputLimits): ImageFormat {
  if (limits.formats.includes(format)) return format
  return format === 'gif' ? 'png' : 'jpeg'
}

/**
 * Decides from a photo's facts alone (no decode) what the provider will receive: over-limit photos
 * are fitted when `fit` is on, and left as they are otherwise so the checks can say why they cannot go.
 */
export function planUpload(image: InputImage, limits: InputLimits, fit: boolean): UploadPlan {
  const { width, height, bytes } = image
  const format = sentFormat(image.format, limits)
  const overSide = !!limits.maxSide && !!width && Math.max(width, height) > limits.maxSide
  const overBytes = !!limits.maxBytes && bytes > limits.maxBytes
  if (!fit) return { sent: { ...image, format }, fitRefused: overSide || overBytes }
  const resize = overSide ? fittedSize(width, height, limits.maxSide as number) : undefined
  const sent = { format, width: resize?.width ?? width, height: resize?.height ?? height, bytes: overBytes ? (limits.maxBytes as number) : bytes }
  return resize ? { sent, resize } : { sent }
}
