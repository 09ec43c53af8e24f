import { randomUUID } from 'node:crypto'
import type { OperationRequest, Route } from '../context'
import type { Reply } from '../http-io'
import { contentTypes, cutout, MalformedImage, render, type Cutout, type OutputFormat } from '../imaging'
import { COSTS } from '../options'
import { imagesIn, loadImage, type LoadedImage } from './edit-images'
import { readGet, readPost, type EditInput } from './edit-request'
import { paymentError, v2Error } from './errors'
import { placeSubject, placesSubject } from './positioning'
import { firstViolation } from './fields'
import { BACKGROUND_MODEL_HEADER, brokenRule, SHADOWS_MODEL_HEADER } from './rules'
import { documentedHeaders } from './spec'
import { uncertaintyScore } from './uncertainty'

const FORMATS: Record<string, OutputFormat> = { png: 'png', jpeg: 'jpeg', jpg: 'jpeg', webp: 'webp', avif: 'avif' }
/** upscale.mode: "`ai.fast`: maximum 1,000,000 input pixels; `ai.slow`: maximum 262,144 input pixels". */
const UPSCALE_MAX_PIXELS: Record<string, number> = { 'ai.fast': 1_000_000, 'ai.slow': 262_144 }
const AI_FEATURES = ['background.prompt', 'lighting.mode', 'beautify.mode', 'editWithAI.prompt', 'expand.mode', 'uncrop.mode', 'flatLay.mode', 'ghostMannequin.mode', 'virtualModel.mode']

/** Everything the documents let the service check before it works, and so before it charges. */
async function validate(request: OperationRequest, input: EditInput): Promise<LoadedImage[] | Reply> {
  const { values, params, method } = input
  const invalid = firstViolation(params, values)
  if (invalid) return v2Error(400, invalid)
  const headers = { [BACKGROUND_MODEL_HEADER]: header(request, BACKGROUND_MODEL_HEADER), [SHADOWS_MODEL_HEADER]: header(request, SHADOWS_MODEL_HEADER) }
  const broken = brokenRule(values, headers)
  if (broken) return v2Error(400, broken)
  const photo = method === 'post' ? 'imageFile' : 'imageUrl'
  if (values[photo] === undefined && values['imageFromPrompt.prompt'] === undefined) return v2Error(400, `${photo} must be provided`)
  const loaded: LoadedImage[] = []
  for (const source of imagesIn(values)) {
    const image = await loadImage(source)
    if (typeof image === 'string') return v2Error(400, image)
    loaded.push(image)
  }
  const main = loaded.find((i) => i.name === photo)
  const upscale = values['upscale.mode'] as string | undefined
  const maxPixels = upscale ? UPSCALE_MAX_PIXELS[upscale] : undefined
  const pixels = main ? main.image.width * main.image.height : 0
  if (maxPixels && pixels > maxPixels && (values['upscale.downscaleIfNeeded'] ?? 'never') === 'never') {
    return v2Error(400, `upscale.mode ${upscale} accepts at most ${maxPixels} input pixels; this image has ${pixels}`)
  }
  return loaded
}

const header = (request: OperationRequest, name: string): string | undefined => {
  const value = request.req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function responseHeaders(request: OperationRequest, input: EditInput, cut: Cutout, format: OutputFormat): Record<string, string> {
  const { values, unknown, method } = input
  const headers: Record<string, string> = { 'content-type': contentTypes[format], 'x-uncertainty-score': uncertaintyScore(cut) }
  if (documentedHeaders('/v2/edit', method).includes('pr-edit-further-url') || request.state.options.editFurtherUrlOnPost) {
    headers['pr-edit-further-url'] = `${request.origin}/edit-further/${randomUUID()}`
  }
  if (values['background.prompt'] !== undefined) {
    headers['pr-ai-background-seed'] = String(values['background.seed'] ?? Math.floor(request.state.random.photoroom() * 1_000_000) + 1)
  }
  if (values['textRemoval.mode'] !== undefined) headers['pr-texts-detected'] = String(Math.floor(cut.foreground % 5))
  if (unknown.length) headers['pr-unsupported-attributes'] = `Unsupported attributes: ${unknown.join(', ')}`
  return headers
}

async function edit(request: OperationRequest, input: EditInput): Promise<Reply> {
  const images = await validate(request, input)
  if (!Array.isArray(images)) return images
  const main = images.find((i) => i.name === 'imageFile' || i.name === 'imageUrl')
  let cut: Cutout
  try {
    cut = main ? await cutout(main.bytes, main.image.format) : await cutout(Buffer.alloc(0), 'heic')
  } catch (error) {
    if (error instanceof MalformedImage) return v2Error(400, `${main?.name ?? 'imageFile'}: the image could not be decoded`)
    throw error
  }

  const { account, state } = request
  if (account.sandbox) {
    if (!state.accounts.trySandboxCall(account, state.options.sandbox)) {
      const { perDay, perMonth } = state.options.sandbox
      return paymentError(`Sandbox quota reached (${perDay} calls a day, ${perMonth} a month). Use a live API key to continue.`)
    }
  } else if (!request.charge(COSTS.photoroomEdit)) {
    return paymentError()
  }

  const { values } = input
  const format = FORMATS[(values['export.format'] as string | undefined) ?? 'png'] ?? 'png'
  const placed = placesSubject(values)
  const size = placed ? null : /^(\d+)x(\d+)$/.exec((values['outputSize'] as string | undefined) ?? '')
  const output = await render(placed ? await placeSubject(cut, values) : cut, {
    format,
    background: values['background.color'] as string | undefined,
    box: size ? { width: Number(size[1]), height: Number(size[2]) } : undefined,
    watermark: account.sandbox,
    opaque: values['removeBackground'] === false,
    tint: AI_FEATURES.some((name) => values[name] !== undefined) ? { r: 200, g: 180, b: 140 } : undefined
  })
  return { status: 200, headers: responseHeaders(request, input, cut, format), body: output }
}

async function run(request: OperationRequest, read: (r: OperationRequest) => Promise<EditInput | Reply>): Promise<Reply> {
  const input = await read(request)
  return 'status' in input ? input : edit(request, input)
}

export const editRoutes: Route[] = [
  { method: 'POST', path: '/v2/edit', operation: true, handle: (r) => run(r, readPost) },
  { method: 'GET', path: '/v2/edit', operation: true, handle: (r) => run(r, readGet) }
]
