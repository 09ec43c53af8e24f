import { photaEditRules } from '../../engine/providers/phota/params/rules'
import { photaEditSchema, PHOTA_LIMITS } from '../../engine/providers/phota/params/schema'
import { checkRules } from '../../shared/operations/rules'
import type { OperationRequest, Route } from '../context'
import { fetchImageUrl } from '../fetch-image'
import { BodyTooLarge, isJson, json, readBody, type Reply } from '../http-io'
import { cutout, inspectImage, MalformedImage, render, type Cutout } from '../imaging'
import { COSTS } from '../options'
import { photaError } from './errors'

const MAX_BODY = 200 * 1024 * 1024
const LONG_SIDE: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 }
const RATIOS: Record<string, number> = { '1:1': 1, '3:4': 3 / 4, '4:3': 4 / 3, '9:16': 9 / 16, '16:9': 16 / 9 }

/** FastAPI's 422 shape: `{detail: [{loc, msg, type}]}`. */
const validationError = (loc: (string | number)[], msg: string, type: string): Reply =>
  json(422, { detail: [{ loc: ['body', ...loc], msg, type }] })

async function decodeInput(source: string): Promise<Buffer | null> {
  if (/^https?:\/\//i.test(source)) return fetchImageUrl(source, 50 * 1024 * 1024)
  if (!/^[A-Za-z0-9+/=\s]+$/.test(source)) return null
  return Buffer.from(source, 'base64')
}

function outputBox(cut: Cutout, resolution: string, aspect: string): { width: number; height: number } {
  const ratio = RATIOS[aspect] ?? cut.width / cut.height
  const side = LONG_SIDE[resolution] ?? 1024
  return ratio >= 1 ? { width: side, height: Math.round(side / ratio) } : { width: Math.round(side * ratio), height: side }
}

async function edit(request: OperationRequest): Promise<Reply> {
  if (!isJson(request.req)) return validationError([], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type')
  let body: unknown
  try {
    body = JSON.parse((await readBody(request.req, MAX_BODY)).toString('utf8'))
  } catch (error) {
    if (error instanceof BodyTooLarge) return photaError(400, 'INVALID_REQUEST', 'Request body too large')
    return validationError([], 'JSON decode error', 'json_invalid')
  }
  const parsed = photaEditSchema.safeParse(body)
  if (!parsed.success) {
    return json(422, {
      detail: parsed.error.issues.map((i) => ({ loc: ['body', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], msg: i.message, type: i.code }))
    })
  }
  const params = parsed.data
  const problem = params.images?.length ? checkRules(photaEditRules, params)[0]?.message : 'at least one input image is required'
  if (problem) return photaError(400, 'INVALID_REQUEST', problem)
  if (params.profile_ids?.length) return photaError(404, 'PROFILE_NOT_FOUND', `Profile ${params.profile_ids[0]} not found`)

  const cuts: Cutout[] = []
  for (const [index, source] of (params.images ?? []).entries()) {
    const bytes = await decodeInput(source)
    const fail = photaError(400, 'INVALID_REQUEST', `images[${index}] is not a decodable image`)
    if (!bytes) return fail
    const inspection = await inspectImage(bytes, PHOTA_LIMITS.formats)
    if (!inspection.ok) {
      return inspection.reason === 'malformed' ? fail : photaError(400, 'INVALID_REQUEST', `images[${index}]: unsupported format; use JPEG, PNG, WebP or HEIC`)
    }
    try {
      cuts.push(await cutout(bytes, inspection.image.format))
    } catch (error) {
      if (error instanceof MalformedImage) return fail
      throw error
    }
  }

  if (!request.charge(COSTS.photaPerOutput * params.num_output_images)) {
    return photaError(402, 'INSUFFICIENT_CREDIT', 'Insufficient prepaid credit balance')
  }
  const first = cuts[0] as Cutout
  const box = outputBox(first, params.resolution, params.aspect_ratio)
  const format = params.output_format === 'jpg' ? 'jpeg' : 'png'
  const outputs: Buffer[] = []
  for (let n = 0; n < params.num_output_images; n++) {
    const tint = { r: 255 - n * 40, g: 200 + n * 10, b: 160 + n * 25 }
    outputs.push(await render(first, { format, box, tint, opaque: true }))
  }
  const { results, options } = request.state
  const urls =
    params.response_mode === 'urls'
      ? outputs.map((o) => `${request.origin}/download/${results.put(o, `image/${format}`, options.resultTtlMs.phota)}`)
      : []
  return json(200, {
    images: params.response_mode === 'bytes' ? outputs.map((o) => o.toString('base64')) : [],
    download_urls: urls,
    known_subjects: { counts: {} }
  })
}

export const photaEditRoute: Route = { method: 'POST', path: '/v1/phota/edit', operation: true, handle: edit }
