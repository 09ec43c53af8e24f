import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, form, NO_LIMITS, post, useSimulator } from '../helpers/simulator'
import { decode, productPhoto } from '../helpers/images'

/**
 * Rules of POST /v2/edit the documents state in words; each case quotes its source (the OpenAPI
 * description of the parameter unless another document is named). A refusal is a 400 that charges nothing.
 */
const sim = useSimulator(NO_LIMITS)
const edit = async (fields: Record<string, string | Buffer>, headers: Record<string, string> = {}) =>
  post(`${sim.current.urls.photoroom.api}/v2/edit`, DEMO_KEYS.photoroom, form({ imageFile: await productPhoto(), ...fields }), headers)
const balance = (): number => sim.current.stats().balances['photoroom:photoroom-demo'] as number
const message = async (res: Response): Promise<string> => ((await res.json()) as { error: { message: string } }).error.message

describe('POST /v2/edit refuses what the documents do not allow, before it charges', () => {
  it.each([
    // "Can be a hex color without the hash sign (example: `FF0000`, `FF0000EE`) or color name (examples: `red`, `blue`)"
    ['background.color', 'nocolour'],
    ['background.color', 'FF00'],
    ['background.color', 'GGGGGG'],
    ['outline.color', 'not-a-colour'],
    // Seed 002: "The value of the argument `background.seed` can be any positive integer."
    ['background.seed', '0'],
    ['background.seed', '12.5'],
    ['background.seed', '-3'],
    // "How closely the generated background will be matching the guiding image, between 0 and 1."
    ['background.guidance.scale', '1.5'],
    ['background.guidance.scale', '-0.1'],
    // "Pixel density can be set to any value between 72 and 1200 dpi."
    ['export.dpi', '50'],
    // margin: "a number between 0 and 0.49, a percentage string between 0% and 49% (e.g., "30%"), or a pixel value string"
    ['margin', '0.5'],
    ['paddingLeft', '10em'],
    // export.format enum: png, jpeg, jpg, webp, avif
    ['export.format', 'gif'],
    // editWithAI.prompt: minLength 1
    ['editWithAI.prompt', '']
  ])('%s=%s is a 400 naming the parameter, and costs nothing', async (name, value) => {
    const before = balance()
    const res = await edit({ [name]: value })
    expect(res.status).toBe(400)
    expect(await message(res)).toContain(name)
    expect(balance()).toBe(before)
    expect(sim.current.stats().providers.photoroom.byStatus['500']).toBeUndefined()
  })

  it.each([
    ['background.color', 'FF0000'],
    ['background.color', 'FF0000EE'],
    // The GET parameter's examples: '#FF0000', 'red'
    ['background.color', '#FF0000'],
    ['background.color', 'red'],
    ['outline.color', 'blue'],
    ['background.seed', '117879368'],
    ['background.guidance.scale', '0'],
    ['margin', '30%'],
    ['padding', '100px'],
    ['export.dpi', '300']
  ])('%s=%s is accepted', async (name, value) => {
    const res = await edit({ [name]: value, ...(name.startsWith('background.seed') ? { 'background.prompt': 'on a beach' } : {}) })
    expect(res.status, await res.clone().text()).toBe(200)
  })

  it('paints the background in the colour asked, with or without the hash sign', async () => {
    for (const color of ['00FF00', '#00FF00', 'lime']) {
      const res = await edit({ 'background.color': color, 'export.format': 'png' })
      const { data } = await (await import('sharp')).default(Buffer.from(await res.arrayBuffer())).raw().toBuffer({ resolveWithObject: true })
      expect([data[0], data[1], data[2]], color).toEqual([0, 255, 0])
    }
  })

  it.each([
    // "If `background.prompt` is provided, neither `background.imageUrl` nor `background.imageFile` can be provided, and vice versa."
    ['background.prompt with background.imageFile', { 'background.prompt': 'sea', 'background.imageFile': 'FILE' }, 'background.prompt and background.imageFile'],
    // background.guidance.imageFile: "Can't be provided if `removeBackground` is set to `false`"
    ['guidance without background removal', { removeBackground: 'false', 'background.guidance.imageFile': 'FILE' }, 'background.guidance.imageFile'],
    // referenceBox: "Can't be provided if `removeBackground` is set to `false`"
    ['referenceBox without background removal', { removeBackground: 'false', referenceBox: 'originalImage' }, 'referenceBox'],
    // maxHeight: "Can only be provided if `outputSize` is `originalImage` or `croppedSubject`"
    ['maxHeight with a custom size', { maxHeight: '300', outputSize: '500x500' }, 'maxHeight'],
    // shadow.softnessOverride: "It requires setting `shadow.mode` to `ai.auto-with-overrides`."
    ['a shadow override without its mode', { 'shadow.softnessOverride': '0.5' }, 'shadow.softnessOverride'],
    // beautify.onSubjectMismatch: `error` is rejected "for any other mode, because the check is not supported there"
    ['a subject check outside ai.food', { 'beautify.mode': 'ai.auto', 'beautify.onSubjectMismatch': 'error' }, 'beautify.onSubjectMismatch'],
    // colorSpace: "combining it with any other operation (…, `export.dpi`, …) returns a 400 error naming the conflicting parameter"
    ['colorSpace=original with export.dpi', { colorSpace: 'original', 'export.dpi': '300' }, 'export.dpi'],
    ['colorSpace=original with a jpeg export', { colorSpace: 'original', 'export.format': 'jpeg' }, 'export.format']
  ])('refuses %s', async (_label, fields, named) => {
    const files = Object.fromEntries(await Promise.all(Object.entries(fields).map(async ([k, v]) => [k, v === 'FILE' ? await productPhoto() : v])))
    const res = await edit(files)
    expect(res.status).toBe(400)
    expect(await message(res)).toContain(named)
  })

  it('takes the legacy and the current background.expandPrompt, and refuses others', async () => {
    // "`auto` and `never` are legacy values that will be removed in the next major version."
    expect((await edit({ 'background.prompt': 'sea', 'background.expandPrompt': 'never' })).status).toBe(200)
    expect((await edit({ 'background.prompt': 'sea', 'background.expandPrompt.mode': 'ai.never' })).status).toBe(200)
    const bad = await edit({ 'background.prompt': 'sea', 'background.expandPrompt.mode': 'sometimes' })
    expect(bad.status).toBe(400)
    expect(await message(bad)).toContain('background.expandPrompt.mode')
  })

  it('checks the AI background model header against seed 002 and answers the seed it used', async () => {
    const res = await edit({ 'background.prompt': 'sea', 'background.seed': '55994449' }, { 'pr-ai-background-model-version': 'background-studio-beta-2025-03-17' })
    expect(res.status).toBe(200)
    expect(res.headers.get('pr-ai-background-seed')).toBe('55994449')
    expect(await decode(Buffer.from(await res.arrayBuffer()))).toMatchObject({ format: 'png' })
  })

  it('refuses a field given twice', async () => {
    const body = form({ imageFile: await productPhoto(), padding: '0.1' })
    body.append('padding', '0.2')
    const res = await post(`${sim.current.urls.photoroom.api}/v2/edit`, DEMO_KEYS.photoroom, body)
    expect(res.status).toBe(400)
    expect(await message(res)).toContain('padding')
  })
})
