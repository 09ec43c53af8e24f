import type { OperationRequest, Route } from '../context'
import { fetchImageUrl } from '../fetch-image'
import { BodyTooLarge, bodyWithin, isJson, isMultipart, json, readMultipart, type Reply } from '../http-io'
import { cutout, inspectImage, MalformedImage, render } from '../imaging'
import { COSTS } from '../options'
import { LIMITS, removeBackgroundBody, wantsShadow } from './definition'
import { pixelcutError } from './errors'
import { describeFile } from '../request-log'

interface Parsed {
  fields: Record<string, unknown>
  image: Buffer | null
}

/** Multipart fields are text; `crop` and `shadow` are JSON-ish, so parse them as the JSON body would carry them. */
function parseFieldValue(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

async function readRequest({ req, body: raw, received }: OperationRequest): Promise<Parsed | Reply> {
  if (isMultipart(req)) {
    const body = await readMultipart(req.headers, raw, LIMITS.maxBytes)
    received({ fields: body.fields.map((f) => [f.name, f.value]), files: body.files.map((f) => describeFile(f.name, f.filename, f.bytes)) })
    // "Binary file of the image to be processed": a path or data sent as a text field is not a file.
    if (body.fields.some((f) => f.name === 'image')) return pixelcutError(400, 'invalid_parameter', 'image must be the binary file of the image, not text')
    const file = body.files.find((f) => f.name === 'image')
    const other = body.files.find((f) => f.name !== 'image')
    if (other) return pixelcutError(400, 'invalid_parameter', `${other.name} must not be a file`)
    if (file?.truncated) return pixelcutError(400, 'file_size_too_large', 'File size too large')
    const fields = Object.fromEntries(body.fields.map(({ name, value }) => [name, name === 'image_url' || name === 'format' ? value : parseFieldValue(value)]))
    return { fields, image: file && file.bytes.length ? file.bytes : null }
  }
  if (isJson(req)) {
    let json: Buffer
    try {
      json = bodyWithin(raw, 1024 * 1024)
    } catch (error) {
      if (error instanceof BodyTooLarge) return pixelcutError(400, 'invalid_request_body', 'The request body is too large')
      throw error
    }
    try {
      const fields = JSON.parse(json.toString('utf8')) as unknown
      received({ fields: [], files: [], json: fields })
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new Error('not an object')
      return { fields: fields as Record<string, unknown>, image: null }
    } catch {
      return pixelcutError(400, 'invalid_request_body', 'The request body was empty or invalid')
    }
  }
  return pixelcutError(400, 'unsupported_content_type', 'Content type must be application/json or multipart/form-data')
}

async function removeBackground(request: OperationRequest): Promise<Reply> {
  const read = await readRequest(request)
  if ('status' in read) return read
  const parsed = removeBackgroundBody.safeParse(read.fields)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body')
    return pixelcutError(400, 'invalid_parameter', `Invalid parameter ${field}: ${issue?.message ?? 'invalid'}`)
  }
  let bytes = read.image
  if (!bytes) {
    if (!parsed.data.image_url) return pixelcutError(400, 'missing_parameter', 'Either image or image_url is required')
    const fetched = await fetchImageUrl(parsed.data.image_url, LIMITS.maxBytes)
    if (!fetched.ok) {
      return fetched.reason === 'too-large'
        ? pixelcutError(400, 'file_size_too_large', 'File size too large')
        : pixelcutError(400, 'malformed_image', 'The image at image_url could not be downloaded')
    }
    bytes = fetched.bytes
  }
  if (bytes.length > LIMITS.maxBytes) return pixelcutError(400, 'file_size_too_large', 'File size too large')

  const inspection = await inspectImage(bytes, LIMITS.formats)
  if (!inspection.ok) {
    return inspection.reason === 'malformed'
      ? pixelcutError(400, 'malformed_image', 'The image could not be decoded')
      : pixelcutError(400, 'unsupported_image_format', 'The image format is not supported')
  }
  const { width, height, format } = inspection.image
  if (width > LIMITS.maxSide || height > LIMITS.maxSide) {
    return pixelcutError(400, 'resolution_too_high', 'The image resolution is too high')
  }
  if (width < LIMITS.minSide || height < LIMITS.minSide) {
    return pixelcutError(400, 'invalid_parameter', 'The image resolution is too low (minimum 64x64)')
  }
  let cut
  try {
    cut = await cutout(bytes, format)
  } catch (error) {
    if (error instanceof MalformedImage) return pixelcutError(400, 'malformed_image', 'The image could not be decoded')
    throw error
  }
  if (cut.foreground === 0) return pixelcutError(400, 'unknown_foreground', 'The foreground subject of the image could not be detected')

  const shadow = wantsShadow(parsed.data)
  if (!request.charge(COSTS.pixelcutRemoveBackground + (shadow ? COSTS.pixelcutShadow : 0))) {
    return pixelcutError(403, 'insufficient_api_credits', 'Insufficient credits available')
  }
  const png = await render(cut, { format: 'png', crop: parsed.data.crop === true })
  const accept = request.req.headers['accept'] ?? 'application/json'
  if (accept.startsWith('image/')) return { status: 200, headers: { 'content-type': 'image/png' }, body: png }
  const { results, options } = request.state
  const id = results.put(png, 'image/png', options.resultTtlMs.pixelcut)
  return json(200, { result_url: `${request.origin}/result/${id}.png` })
}

export const removeBackgroundRoute: Route = {
  method: 'POST',
  path: '/v1/remove-background',
  operation: true,
  handle: removeBackground
}

export const creditsRoute: Route = {
  method: 'GET',
  path: '/v1/credits',
  operation: false,
  // Pixelcut documents the balance as possibly a string; the simulator sends one to keep clients honest.
  handle: async ({ account }) => json(200, { credits_remaining: String(account.balance) })
}
