import type { ImageFormat } from './formats'

/** What a provider's operation takes, as data: the engine fits photos to it and the checks quote it. */
export interface InputLimits {
  formats: readonly ImageFormat[]
  maxBytes?: number
  /** Longest side, in pixels, on either axis. */
  maxSide?: number
  minSide?: number
  /** The provider reads sRGB only: CMYK and 16-bit images are converted to 8-bit sRGB first. */
  srgbOnly?: boolean
}

/** Sizes the provider refuses, in a photographer's words; 0 × 0 means the size is not known yet. */
export function sideProblems(image: { width: number; height: number }, limits: InputLimits, label: string): string[] {
  const { width, height } = image
  if (!width || !height) return []
  const problems: string[] = []
  if (limits.maxSide && Math.max(width, height) > limits.maxSide) problems.push(`the image is ${width}x${height}; ${label} takes at most ${limits.maxSide} px on the long side`)
  if (limits.minSide && Math.min(width, height) < limits.minSide) problems.push(`the image is ${width}x${height}; ${label} needs at least ${limits.minSide}x${limits.minSide} px`)
  return problems
}
