import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sniffImageFormat } from '../../src/shared/images/sniff-format'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { productPhoto } from '../helpers/images'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useFileServer, useSimulator } from '../helpers/simulator'

/**
 * Images other than the photo, over real HTTP to the strict simulator: each reaches it as a multipart
 * file part holding the file's bytes (never a text field holding a path), from the command line and from
 * a preset file; and those bytes are part of the purchase.
 */
const sim = useSimulator(NO_LIMITS)
const files = useFileServer(async () => ({ '/shop/backdrop.png': { body: await productPhoto({ subject: '#224466', format: 'png' }), type: 'image/png' } }))

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

async function workspace(): Promise<{ work: string; marble: Buffer; linen: Buffer }> {
  const work = tempDir()
  await makePhotos(join(work, 'in'), 1)
  mkdirSync(join(work, 'guides'))
  const marble = await productPhoto({ subject: '#555555' })
  const linen = await productPhoto({ subject: '#d8cbb0', format: 'png' })
  writeFileSync(join(work, 'guides', 'marble.jpg'), marble)
  writeFileSync(join(work, 'guides', 'linen.png'), linen)
  return { work, marble, linen }
}

const edit = (params: string[], extra: string[] = []): string[] => ['--provider', 'photoroom', '--operation', 'edit', ...params.flatMap((p) => ['--param', p]), ...extra, '--json', '--out', 'out', 'in']

/** What the simulator received for the last edit: its file parts by name (sha256), and its text fields. */
function lastEdit(): { files: Record<string, string>; fields: Record<string, string> } {
  const request = sim.current.requests('photoroom').filter((r) => r.path === '/v2/edit').at(-1)
  if (!request) throw new Error('no edit reached the simulator')
  return { files: Object.fromEntries(request.files.map((f) => [f.name, f.sha256])), fields: Object.fromEntries(request.fields) }
}

describe('image parameters reach the service as file parts with their bytes', () => {
  it('from the command line: a guide image and a background image, by paths relative to where the command runs', async () => {
    const { work, marble, linen } = await workspace()
    const guided = await runCli(edit(['background.guidance.imageFile=guides/marble.jpg', 'background.guidance.scale=0.8']), simulatorEnv(sim.current, join(work, 'state')), work)
    expect(guided.code, guided.stderr).toBe(0)
    expect(lastEdit().files['background.guidance.imageFile']).toBe(sha256(marble))
    expect(lastEdit().fields).not.toHaveProperty('background.guidance.imageFile')

    const backed = await runCli(edit(['background.imageFile=guides/linen.png']), simulatorEnv(sim.current, join(work, 'state')), work)
    expect(backed.code, backed.stderr).toBe(0)
    expect(lastEdit().files['background.imageFile']).toBe(sha256(linen))
  })

  it('from a preset file: paths relative to the preset file\'s folder, whatever folder the command runs in', async () => {
    const { work, linen } = await workspace()
    mkdirSync(join(work, 'presets', 'images'), { recursive: true })
    copyFileSync(join(work, 'guides', 'linen.png'), join(work, 'presets', 'images', 'linen.png'))
    writeFileSync(join(work, 'presets', 'linen.proofsheet-preset.json'), JSON.stringify({ schemaVersion: 1, operationId: 'photoroom.edit', values: { 'background.imageFile': 'images/linen.png', 'background.scaling': 'fit' } }))
    const run = await runCli(['--preset', 'presets/linen.proofsheet-preset.json', '--json', '--out', 'out', 'in'], simulatorEnv(sim.current, join(work, 'state')), work)
    expect(run.code, run.stderr).toBe(0)
    expect(lastEdit().files['background.imageFile']).toBe(sha256(linen))
    expect(lastEdit().fields['background.scaling']).toBe('fit')
  })

  it('nested fields by dotted names: a model of one\'s own and more product images go as numbered file parts', async () => {
    const { work, marble, linen } = await workspace()
    const params = ['virtualModel.mode=ai.auto', 'virtualModel.model.custom.imageFile=guides/marble.jpg', 'virtualModel.additionalProductImages.0.imageFile=guides/linen.png', 'background.expandPrompt.mode=ai.never']
    const run = await runCli(edit(params), simulatorEnv(sim.current, join(work, 'state')), work)
    expect(run.code, run.stderr).toBe(0)
    const { files: sent, fields } = lastEdit()
    expect(sent['virtualModel.model.custom.imageFile']).toBe(sha256(marble))
    expect(sent['virtualModel.additionalProductImages.0.imageFile']).toBe(sha256(linen))
    expect(fields['background.expandPrompt.mode']).toBe('ai.never')
  })

  it('a link only Photoroom\'s GET takes is downloaded once and sent as the file', async () => {
    const { work } = await workspace()
    const url = files.current.url('/shop/backdrop.png')
    const run = await runCli(edit([`background.imageUrl=${url}`]), simulatorEnv(sim.current, join(work, 'state')), work)
    expect(run.code, run.stderr).toBe(0)
    const { files: sent, fields } = lastEdit()
    expect(sent['background.imageFile']).toBe(sha256(await (await fetch(url)).arrayBuffer().then((b) => Buffer.from(b))))
    expect(fields).not.toHaveProperty('background.imageUrl')
  })

  it('a missing image, or one that is not an image, is refused before anything is sent, naming the parameter', async () => {
    const { work } = await workspace()
    writeFileSync(join(work, 'guides', 'notes.jpg'), 'not an image')
    const before = sim.current.requests('photoroom').length
    const missing = await runCli(edit(['background.guidance.imageFile=guides/gone.jpg']), simulatorEnv(sim.current, join(work, 'state')), work)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('AI background guide image')
    expect(missing.stderr).toContain('no such file')
    const text = await runCli(edit(['background.imageFile=guides/notes.jpg']), simulatorEnv(sim.current, join(work, 'state')), work)
    expect(text.code).toBe(2)
    expect(text.stderr).toContain('is not an image')
    expect(sim.current.requests('photoroom').length).toBe(before)
  })
})

describe('the purchase', () => {
  it('includes the bytes of every extra file: another guide image is another purchase, the same bytes elsewhere are not', async () => {
    const { work } = await workspace()
    copyFileSync(join(work, 'guides', 'marble.jpg'), join(work, 'guides', 'marble copy.jpg'))
    const env = simulatorEnv(sim.current, join(work, 'state'))
    const first = await runCli(edit(['background.guidance.imageFile=guides/marble.jpg']), env, work)
    expect(summaryOf(first.events).counts['done']).toBe(1)
    const samePixels = await runCli(edit(['background.guidance.imageFile=guides/marble copy.jpg']), env, work)
    expect(summaryOf(samePixels.events).counts['reused']).toBe(1)
    const other = await runCli(edit(['background.guidance.imageFile=guides/linen.png']), env, work)
    expect(summaryOf(other.events).counts['done']).toBe(1)
  })
})

describe('Phota output format', () => {
  it('with none given writes .jpg files holding JPEG; png and jpg runs of one photo are two purchases', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 1)
    const env = simulatorEnv(sim.current, join(work, 'state'))
    const run = (more: string[], out: string) => runCli(['--provider', 'phota', '--param', 'prompt=warm light', ...more.flatMap((p) => ['--param', p]), '--json', '--out', out, 'in'], env, work)
    const charged = (): number => sim.current.stats().providers.phota.charged

    const before = charged()
    const plain = await run([], 'out-default')
    expect(plain.code, plain.stderr).toBe(0)
    const [jpg] = readdirSync(join(work, 'out-default', 'in'))
    expect(jpg).toMatch(/\.jpg$/)
    expect(sniffImageFormat(readFileSync(join(work, 'out-default', 'in', jpg as string)))).toBe('jpeg')

    // An explicit jpg is the default: the same purchase. png is another.
    expect(summaryOf((await run(['output_format=jpg'], 'out-jpg')).events).counts['reused']).toBe(1)
    const png = await run(['output_format=png'], 'out-png')
    expect(summaryOf(png.events).counts['done']).toBe(1)
    const [pngName] = readdirSync(join(work, 'out-png', 'in'))
    expect(pngName).toMatch(/\.png$/)
    expect(sniffImageFormat(readFileSync(join(work, 'out-png', 'in', pngName as string)))).toBe('png')
    expect(charged() - before).toBe(2)
  })
})

describe('colours are checked before anything is sent', () => {
  it('an invalid colour is refused naming its field; bg_color typed without its # is sent with it, as its document shows', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 1)
    const env = simulatorEnv(sim.current, join(work, 'state'))
    const before = sim.current.requests().length
    const bad = await runCli(edit(['background.color=nocolour']), env, work)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Background colour must be a hex colour like FFFFFF')
    const notAColour = await runCli(['--provider', 'photoroom', '--operation', 'remove-background', '--param', 'bg_color=FF00F', '--out', 'out', 'in'], env, work)
    expect(notAColour.code).toBe(2)
    expect(notAColour.stderr).toContain('with its # like #FFFFFF')
    expect(sim.current.requests().length).toBe(before)

    const noHash = await runCli(['--provider', 'photoroom', '--operation', 'remove-background', '--param', 'bg_color=FF00FF', '--json', '--out', 'out', 'in'], env, work)
    expect(noHash.code, noHash.stderr).toBe(0)
    expect(Object.fromEntries(sim.current.requests('photoroom').at(-1)?.fields ?? [])['bg_color']).toBe('#FF00FF')
  })
})
