import type { OperationRequest, Route } from '../context'
import { fetchImageUrl, isUrl } from '../fetch-image'
import { BodyTooLarge, bodyWithin, isJson, json, type Reply } from '../http-io'
import { cutout, inspectImage, MalformedImage, render, type Cutout } from '../imaging'
import { COSTS } from '../options'
import { editRequest, INPUT, invalidRequest, type EditRequest } from './definition'
import { photaError } from './errors'
import { describeFile } from '../request-log'

const MAX_BODY = 200 * 1024 * 1024
const LONG_SIDE: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 }
const RATIOS: Record<string, number> = { '1:1': 1, '3:4': 3 / 4, '4:3': 4 / 3, '9:16': 9 / 16, '16:9': 16 / 9 }

/** FastAPI's 422 shape: `{detail: [{loc, msg, type}]}`. */
const validationError = (loc: (string | number)[], msg: string, type: string): Reply => json(422, { detail: [{ loc: ['body', ...loc], msg, type }] })

function outputBox(cut: Cutout, resolution: string, aspect: string): { width: number; height: number } {
  const ratio = RATIOS[aspect] ?? cut.width / cut.height
  const side = LONG_SIDE[resolution] ?? 1024
  return ratio >= 1 ? { width: side, height: Math.round(side / ratio) } : { width: Math.round(side * ratio), height: side }
}

/** The body for the request log: inline images by size and digest, not their bytes. */
function summarized(body: unknown): unknown {
  const images = (body as { images?: unknown } | null)?.images
  if (!Array.isArray(images)) return body
  const describe = (image: unknown, i: number): unknown => (typeof image === 'string' && !isUrl(image) ? describeFile(`images.${i}`, '', Buffer.from(image, 'base64')) : image)
  return { ...(body as object), images: images.map(describe) }
}

async function readRequest(request: OperationRequest): Promise<EditRequest | Reply> {
  if (!isJson(request.req)) return validationError([], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type')
  let body: unknown
  try {
    body = JSON.parse(bodyWithin(request.body, MAX_BODY).toString('utf8'))
    request.received({ fields: [], files: [], json: summarized(body) })
  } catch (error) {
    if (error instanceof BodyTooLarge) return photaError(400, 'INVALID_REQUEST', 'Request body too large')
    if (!(error instanceof SyntaxError)) throw error
    return validationError([], 'JSON decode error', 'json_invalid')
  }
  const parsed = editRequest.safeParse(body)
  if (!parsed.success) {
    return json(422, { detail: parsed.error.issues.map((i) => ({ loc: ['body', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], msg: i.message, type: i.code })) })
  }
  return parsed.data
}

/** 404 for a profile the account lacks or that is still training, as PhotaError404Response documents. */
function profileProblem(request: OperationRequest, ids: readonly string[]): Reply | null {
  for (const id of ids) {
    const status = request.state.photaProfiles.status(id)
    if (status === 'missing') return photaError(404, 'PROFILE_NOT_FOUND', `Profile ${id} not found`)
    if (status === 'not-ready') return photaError(404, 'PROFILE_NOT_READY', `Profile ${id} is not ready yet; try again later`)
  }
  return null
}

/** "Input images as raw base64 strings or publicly accessible URLs. Both formats are auto-detected." */
async function decodeImages(sources: readonly string[]): Promise<Cutout[] | Reply> {
  const cuts: Cutout[] = []
  for (const [index, source] of sources.entries()) {
    const fail = (why: string): Reply => photaError(400, 'INVALID_REQUEST', `images[${index}] ${why}`)
    let bytes: Buffer
    if (isUrl(source)) {
      const fetched = await fetchImageUrl(source, INPUT.maxBytes)
      if (!fetched.ok) return fail(`could not be downloaded from ${source}`)
      bytes = fetched.bytes
    } else if (/^[A-Za-z0-9+/=\s]+$/.test(source)) bytes = Buffer.from(source, 'base64')
    else return fail('is neither base64 image data nor an http(s) URL')
    const inspection = await inspectImage(bytes, INPUT.formats)
    if (!inspection.ok) return fail(inspection.reason === 'malformed' ? 'is not a decodable image' : 'has an unsupported format; use JPEG, PNG, WebP or HEIC')
    try {
      cuts.push(await cutout(bytes, inspection.image.format))
    } catch (error) {
      if (error instanceof MalformedImage) return fail('is not a decodable image')
      throw error
    }
  }
  return cuts
}

/** `known_subjects.counts`: each profile the prompt names as `[[id]]`, once per output. */
function knownSubjects(params: EditRequest): Record<string, number> {
  const named = (params.profile_ids ?? []).filter((id) => params.prompt.includes(`[[${id}]]`))
  return Object.fromEntries(named.map((id) => [id, params.num_output_images]))
}

async function edit(request: OperationRequest): Promise<Reply> {
  const params = await readRequest(request)
  if ('status' in params) return params
  const invalid = invalidRequest(params)
  if (invalid) return photaError(400, 'INVALID_REQUEST', invalid)
  const missing = profileProblem(request, params.profile_ids ?? [])
  if (missing) return missing
  const cuts = await decodeImages(params.images ?? [])
  if (!Array.isArray(cuts)) return cuts

  if (!request.charge(COSTS.photaPerOutput * params.num_output_images)) return photaError(402, 'INSUFFICIENT_CREDIT', 'Insufficient prepaid credit balance')
  const first = cuts[0] as Cutout
  const box = outputBox(first, params.resolution, params.aspect_ratio)
  // "Format matches the requested output_format."
  const format = params.output_format === 'jpg' ? 'jpeg' : 'png'
  const outputs: Buffer[] = []
  for (let n = 0; n < params.num_output_images; n++) {
    outputs.push(await render(first, { format, box, tint: { r: 255 - n * 40, g: 200 + n * 10, b: 160 + n * 25 }, opaque: true }))
  }
  const { results, options } = request.state
  const urls = params.response_mode === 'urls' ? outputs.map((o) => `${request.origin}/download/${results.put(o, `image/${format}`, options.resultTtlMs.phota)}`) : []
  return json(200, {
    images: params.response_mode === 'bytes' ? outputs.map((o) => o.toString('base64')) : [],
    download_urls: urls,
    known_subjects: { counts: knownSubjects(params) }
  })
}

export const photaEditRoute: Route = { method: 'POST', path: '/v1/phota/edit', operation: true, handle: edit }
