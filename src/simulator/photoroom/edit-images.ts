import { fetchImageUrl } from '../fetch-image'
import { inspectImage, type InspectedImage } from '../imaging'
import { FilePart } from '../json-schema'
import { MAX_IMAGE_BYTES } from './edit-request'

/** The documented remove-background maximum, which api-notes tells us to assume for v2/edit too. */
export const MAX_SIDE = 6000

/** An image a request names: a file part, or a URL the service downloads. */
export interface ImageSource {
  /** Where it was given: `imageFile`, `background.guidance.imageUrl`, `virtualModel.additionalProductImages.0.imageFile`. */
  name: string
  source: FilePart | string
}

export interface LoadedImage {
  name: string
  bytes: Buffer
  image: InspectedImage
}

function walk(value: unknown, path: string[], found: ImageSource[]): void {
  if (value instanceof FilePart) found.push({ name: path.join('.'), source: value })
  else if (typeof value === 'string' && (/(^|\.)imageUrl$/.test(path.join('.')) || path[0] === 'virtualModel.additionalProductImages')) found.push({ name: path.join('.'), source: value })
  else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, String(i)], found))
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) walk(item, [...path, key], found)
}

/** Every image a request names, the photo first. */
export function imagesIn(values: Record<string, unknown>): ImageSource[] {
  const found: ImageSource[] = []
  for (const [name, value] of Object.entries(values)) walk(value, [name], found)
  return found.sort((a, b) => Number(b.name === 'imageFile' || b.name === 'imageUrl') - Number(a.name === 'imageFile' || a.name === 'imageUrl'))
}

/** Downloads or takes the bytes, and checks them as the service does: a JPEG, PNG or WebP it can decode, in sRGB, within limits. */
export async function loadImage({ name, source }: ImageSource): Promise<LoadedImage | string> {
  let bytes: Buffer
  if (source instanceof FilePart) bytes = source.bytes
  else {
    const fetched = await fetchImageUrl(source, MAX_IMAGE_BYTES)
    if (!fetched.ok) return fetched.reason === 'too-large' ? `${name}: the maximum size of the image is 30MB` : `${name}: the image at ${source} could not be downloaded`
    bytes = fetched.bytes
  }
  const inspection = await inspectImage(bytes, ['jpeg', 'png', 'webp'])
  if (!inspection.ok) return inspection.reason === 'malformed' ? `${name}: the image could not be decoded` : `${name}: unsupported image format, use JPEG, PNG or WebP`
  const image = inspection.image
  if (Math.max(image.width, image.height) > MAX_SIDE) return `${name}: the image is larger than ${MAX_SIDE}px on its long side`
  if (!image.srgb) return `${name}: only sRGB images are supported; convert the image to sRGB first`
  return { name, bytes, image }
}
