import { contentTypes, cutout, inspectImage, MalformedImage, render, type OutputFormat } from '../imaging'
import { isMultipart, json, readMultipart, type Reply } from '../http-io'
import type { OperationRequest, Route } from '../context'
import { COSTS } from '../options'
import { parseColor } from '../colors'
import { check, describeViolation } from '../json-schema'
import { findParam, SEGMENT_PARAMS } from './spec'
import { v1Error } from './errors'
import { uncertaintyScore } from './uncertainty'
import { describeFile } from '../request-log'

const MAX_BYTES = 30 * 1024 * 1024
const MAX_SIDE = 6000
const SIZES: Record<string, number> = { preview: 250_000, medium: 1_500_000, hd: 4_000_000, full: 36_000_000 }
const FORMATS: Record<string, OutputFormat> = { png: 'png', jpg: 'jpeg', webp: 'webp' }

/** Each field against its documented schema; `bg_color` "Can be a hex code (`#FF00FF`) or a HTML color (`red`, `green`, etc.)". */
function fieldProblem(name: string, value: string): string | null {
  const param = findParam(SEGMENT_PARAMS, name)
  if (!param) return `Unknown parameter: ${name}`
  const violation = check(param.schema, value)
  if (violation) return describeViolation(name, violation)
  if (name === 'bg_color' && !parseColor(value, 'required')) return 'bg_color must be a hex code like #FF00FF or an HTML color like red'
  return null
}

async function segment({ req, body: raw, account, charge, received }: OperationRequest): Promise<Reply> {
  if (account.sandbox) {
    return v1Error(403, 'sandbox_not_supported', 'Sandbox mode only works with the Image Editing API (v2/edit)')
  }
  if (!isMultipart(req)) return v1Error(400, 'missing_image', 'Please provide an image.')
  const body = await readMultipart(req.headers, raw, MAX_BYTES)
  received({ fields: body.fields.map((f) => [f.name, f.value]), files: body.files.map((f) => describeFile(f.name, f.filename, f.bytes)) })
  if (body.fields.some((f) => f.name === 'image_file')) return v1Error(400, 'invalid_parameter', 'image_file must be sent as an image file (a multipart file part), not as text')
  const file = body.files.find((f) => f.name === 'image_file')
  if (!file || file.bytes.length === 0) return v1Error(400, 'missing_image', 'Please provide an image.')
  if (file.truncated) return v1Error(400, 'image_too_large', 'The image is larger than 30MB.')
  const other = body.files.find((f) => f.name !== 'image_file')
  if (other) return v1Error(400, 'invalid_parameter', `${other.name} must be text, not a file`)

  const values: Record<string, string> = {}
  for (const { name, value } of body.fields) {
    const problem = fieldProblem(name, value)
    if (problem) return v1Error(400, 'invalid_parameter', problem)
    values[name] = value
  }

  const inspection = await inspectImage(file.bytes, ['jpeg', 'png', 'webp', 'heic'])
  if (!inspection.ok) {
    return inspection.reason === 'malformed'
      ? v1Error(400, 'invalid_image', 'The image could not be decoded.')
      : v1Error(400, 'unsupported_image_format', 'Unsupported image format. Use JPEG, PNG, WebP or HEIC.')
  }
  const image = inspection.image
  if (Math.max(image.width, image.height) > MAX_SIDE) {
    return v1Error(400, 'resolution_too_high', `The image is larger than ${MAX_SIDE}px on its long side.`)
  }
  if (!image.srgb) return v1Error(400, 'invalid_image', 'Only sRGB images are supported.')

  let cut
  try {
    cut = await cutout(file.bytes, image.format)
  } catch (error) {
    if (error instanceof MalformedImage) return v1Error(400, 'invalid_image', 'The image could not be decoded.')
    throw error
  }
  const size = values['size'] ?? 'full'
  if (!charge(size === 'preview' ? COSTS.photoroomSegmentPreview : COSTS.photoroomSegment)) {
    return v1Error(402, 'payment_required', 'API credits exhausted. Visit https://app.photoroom.com/api-dashboard to purchase more API credits')
  }
  const format = FORMATS[values['format'] ?? 'png'] ?? 'png'
  const output = await render(cut, {
    format,
    alphaOnly: values['channels'] === 'alpha',
    background: values['bg_color'],
    crop: values['crop'] === 'true',
    maxPixels: SIZES[size]
  })
  const headers = { 'x-uncertainty-score': uncertaintyScore(cut) }
  if ((req.headers['accept'] ?? '').includes('application/json')) {
    return json(200, { base64img: output.toString('base64') }, headers)
  }
  return { status: 200, headers: { ...headers, 'content-type': contentTypes[format] }, body: output }
}

export const segmentRoute: Route = { method: 'POST', path: '/v1/segment', operation: true, handle: segment }
