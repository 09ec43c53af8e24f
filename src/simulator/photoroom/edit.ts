import { randomUUID } from 'node:crypto'
import { assembleFields } from '../../engine/providers/photoroom/params/form-fields'
import { findParam, photoroomEditParams } from '../../engine/providers/photoroom/params/openapi'
import { MODEL_HEADERS, photoroomEditRules } from '../../engine/providers/photoroom/params/rules'
import { checkRules } from '../../shared/operations/rules'
import type { OperationRequest, Route } from '../context'
import { fetchImageUrl } from '../fetch-image'
import { isMultipart, readMultipart, type Reply } from '../http-io'
import { contentTypes, cutout, inspectImage, MalformedImage, render, type OutputFormat } from '../imaging'
import { COSTS } from '../options'
import { paymentError, v2Error } from './errors'
import { uncertaintyScore } from './uncertainty'

const MAX_BYTES = 30 * 1024 * 1024
/** The documented remove-background maximum, which Proofsheet assumes for v2/edit too. */
const MAX_SIDE = 6000
const FORMATS: Record<string, OutputFormat> = { png: 'png', jpeg: 'jpeg', jpg: 'jpeg', webp: 'webp', avif: 'avif' }
const UPSCALE_MAX_PIXELS: Record<string, number> = { 'ai.fast': 1_000_000, 'ai.slow': 262_144 }
const AI_FEATURES = ['background.prompt', 'lighting.mode', 'beautify.mode', 'editWithAI.prompt', 'expand.mode', 'uncrop.mode', 'flatLay.mode', 'ghostMannequin.mode', 'virtualModel.mode']

interface EditInput {
  fields: Record<string, string>
  files: Record<string, Buffer>
  image: Buffer | null
}

async function readPost(request: OperationRequest): Promise<EditInput | Reply> {
  if (request.url.search) return v2Error(400, 'Parameters must not be passed using the query string; send them in the multipart body')
  if (!isMultipart(request.req)) return v2Error(400, 'imageFile: must be provided')
  const body = await readMultipart(request.req, MAX_BYTES)
  const files: Record<string, Buffer> = {}
  for (const [name, file] of Object.entries(body.files)) {
    if (file.truncated) return v2Error(400, `${name}: the maximum size of the image is 30MB`)
    files[name] = file.bytes
  }
  return { fields: body.fields, files, image: files['imageFile'] ?? null }
}

async function readGet(request: OperationRequest): Promise<EditInput | Reply> {
  const fields = Object.fromEntries(request.url.searchParams)
  const imageUrl = fields['imageUrl']
  delete fields['imageUrl']
  if (!imageUrl) return { fields, files: {}, image: null }
  const image = await fetchImageUrl(imageUrl, MAX_BYTES)
  if (!image) return v2Error(400, 'imageUrl: the image could not be downloaded')
  return { fields, files: {}, image }
}

async function edit(request: OperationRequest, input: EditInput): Promise<Reply> {
  const { values, unknown } = assembleFields(photoroomEditParams, input.fields)
  for (const name of Object.keys(input.files)) {
    const param = findParam(photoroomEditParams, name)
    if (!param?.file) return v2Error(400, `${name}: unexpected file`)
    values[name] = true
  }
  for (const [name, value] of Object.entries(values)) {
    const param = findParam(photoroomEditParams, name)
    if (!param || param.file) continue
    const parsed = param.zod.safeParse(value)
    if (!parsed.success) return v2Error(400, `${name}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`)
  }
  const headers = Object.fromEntries(MODEL_HEADERS.map((name) => [name, request.req.headers[name]]))
  const broken = checkRules(photoroomEditRules, { ...values, ...headers }).find((r) => r.severity === 'error')
  if (broken) return v2Error(400, broken.message)
  if (!input.image && values['imageFromPrompt.prompt'] === undefined) return v2Error(400, 'imageFile: must be provided')

  let cut
  if (input.image) {
    const inspection = await inspectImage(input.image, ['jpeg', 'png', 'webp'])
    if (!inspection.ok) {
      return v2Error(400, inspection.reason === 'malformed' ? 'imageFile: the image could not be decoded' : 'imageFile: unsupported image format, use JPEG, PNG or WebP')
    }
    const image = inspection.image
    if (Math.max(image.width, image.height) > MAX_SIDE) return v2Error(400, `imageFile: the image is larger than ${MAX_SIDE}px on its long side`)
    if (!image.srgb) return v2Error(400, 'imageFile: only sRGB images are supported; convert the image to sRGB first')
    const upscale = values['upscale.mode'] as string | undefined
    const downscale = values['upscale.downscaleIfNeeded'] as string | undefined
    const maxPixels = upscale ? UPSCALE_MAX_PIXELS[upscale] : undefined
    if (maxPixels && image.width * image.height > maxPixels && (downscale ?? 'never') === 'never') {
      return v2Error(400, `upscale.mode ${upscale} accepts at most ${maxPixels} input pixels; this image has ${image.width * image.height}`)
    }
    try {
      cut = await cutout(input.image, image.format)
    } catch (error) {
      if (error instanceof MalformedImage) return v2Error(400, 'imageFile: the image could not be decoded')
      throw error
    }
  } else {
    cut = await cutout(Buffer.alloc(0), 'heic')
  }

  const { account, state } = request
  if (account.sandbox) {
    if (!state.accounts.trySandboxCall(account, state.options.sandbox)) {
      return paymentError('Sandbox quota reached (100 calls a day, 1,000 a month). Use a live API key to continue.')
    }
  } else if (!request.charge(COSTS.photoroomEdit)) {
    return paymentError()
  }

  const format = FORMATS[(values['export.format'] as string | undefined) ?? 'png'] ?? 'png'
  const size = /^(\d+)x(\d+)$/.exec((values['outputSize'] as string | undefined) ?? '')
  const aiEdited = AI_FEATURES.some((name) => values[name] !== undefined)
  const output = await render(cut, {
    format,
    background: values['background.color'] as string | undefined,
    box: size ? { width: Number(size[1]), height: Number(size[2]) } : undefined,
    watermark: account.sandbox,
    opaque: values['removeBackground'] === false,
    tint: aiEdited ? { r: 200, g: 180, b: 140 } : undefined
  })

  const responseHeaders: Record<string, string> = {
    'content-type': contentTypes[format],
    'x-uncertainty-score': uncertaintyScore(cut),
    'pr-edit-further-url': `${request.origin}/edit-further/${randomUUID()}`
  }
  if (values['background.prompt'] !== undefined) {
    const seed = values['background.seed'] ?? Math.floor(state.random.photoroom() * 1_000_000)
    responseHeaders['pr-ai-background-seed'] = String(seed)
  }
  if (values['textRemoval.mode'] !== undefined) responseHeaders['pr-texts-detected'] = String(Math.floor(cut.foreground % 5))
  if (unknown.length) responseHeaders['pr-unsupported-attributes'] = `Unsupported attributes: ${unknown.join(', ')}`
  return { status: 200, headers: responseHeaders, body: output }
}

async function run(request: OperationRequest, read: (r: OperationRequest) => Promise<EditInput | Reply>): Promise<Reply> {
  const input = await read(request)
  return 'status' in input ? input : edit(request, input)
}

export const editRoutes: Route[] = [
  { method: 'POST', path: '/v2/edit', operation: true, handle: (r) => run(r, readPost) },
  { method: 'GET', path: '/v2/edit', operation: true, handle: (r) => run(r, readGet) }
]
