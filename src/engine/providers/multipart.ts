import { openAsBlob } from 'node:fs'
import { FormData } from 'undici'
import type { ParamValues } from '../../shared/operations'
import type { UploadImage } from './types'

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic', avif: 'image/avif' }

/** The image as a Blob: file-backed (streamed from disk) unless it had to be re-encoded upright. */
export async function imageBlob(image: UploadImage): Promise<Blob> {
  const type = MIME[image.format] ?? 'application/octet-stream'
  return image.upright ? new Blob([new Uint8Array(image.upright)], { type }) : openAsBlob(image.path, { type })
}

/** Multipart fields as the APIs read them: dotted names, objects spread into dotted leaves, text values. */
export function appendFields(form: FormData, values: ParamValues, prefix = ''): void {
  for (const [name, value] of Object.entries(values)) {
    const field = prefix ? `${prefix}.${name}` : name
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const item of value) form.append(field, String(item))
    else if (typeof value === 'object') appendFields(form, value as ParamValues, field)
    else form.append(field, String(value))
  }
}
