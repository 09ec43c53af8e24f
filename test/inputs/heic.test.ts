import { once } from 'node:events'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import busboy from 'busboy'
import sharp, { type Sharp } from 'sharp'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { decodeHeic } from '../../src/engine/images/heic'
import { iccDescription } from '../../src/engine/images/icc'
import { Thumbnails } from '../../src/main/images/thumbnails'
import type { ProviderUrls } from '../../src/engine/providers/registry'
import { makeBatch } from '../helpers/batch'
import { heicFixture } from '../helpers/corpus'
import { tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)

/** Every image file part the providers received, through a recording proxy in front of the simulator. */
const received: Buffer[] = []
const proxies: Server[] = []
let urls: ProviderUrls

function recordingProxy(origin: string): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      if (String(req.headers['content-type']).startsWith('multipart/form-data')) {
        const parts = busboy({ headers: req.headers })
        parts.on('file', (_name, file) => {
          const bytes: Buffer[] = []
          file.on('data', (b: Buffer) => bytes.push(b)).on('end', () => received.push(Buffer.concat(bytes)))
        })
        parts.end(body)
      }
      const onward = request(new URL(req.url ?? '/', origin), { method: req.method, headers: req.headers }, (answer) => {
        if (!String(answer.headers['content-type']).includes('json')) {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          return void answer.pipe(res)
        }
        // Result links name the simulator; the client follows links only to the origin it was given: this proxy.
        const parts: Buffer[] = []
        answer.on('data', (b: Buffer) => parts.push(b))
        answer.on('end', () => {
          const { 'content-length': _length, ...headers } = answer.headers
          res.writeHead(answer.statusCode ?? 502, headers)
          res.end(Buffer.concat(parts).toString('utf8').replaceAll(origin, self))
        })
      })
      onward.end(body)
    })
  })
  proxies.push(server)
  server.listen(0, '127.0.0.1')
  let self = ''
  return once(server, 'listening').then(() => (self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`))
}

beforeAll(async () => {
  const entries = await Promise.all(
    Object.entries(sim.current.urls).map(async ([provider, hosts]) => [provider, Object.fromEntries(await Promise.all(Object.entries(hosts as Record<string, string>).map(async ([name, origin]) => [name, await recordingProxy(origin)])))])
  )
  urls = Object.fromEntries(entries) as ProviderUrls
})
afterAll(() => Promise.all(proxies.map((p) => new Promise((done) => p.close(done)))))

const pixel = async (image: Sharp, x: number, y: number): Promise<number[]> => {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [...data.subarray(at, at + info.channels)]
}
const near = (actual: number[], expected: number[], within = 12): void => expect(actual.map((v, i) => Math.abs(v - expected[i]!)).every((d) => d <= within), `${actual} ≈ ${expected}`).toBe(true)

test('a real HEIC decodes at its size with its colours, opaque, with no alpha channel to force PNG', async () => {
  const open = await decodeHeic(heicFixture('quadrants'))
  expect(await open().metadata()).toMatchObject({ width: 128, height: 96, channels: 3, hasAlpha: false })
  near(await pixel(open(), 10, 10), [220, 30, 30])
  near(await pixel(open(), 118, 10), [30, 200, 40])
  near(await pixel(open(), 10, 86), [30, 40, 220])
  near(await pixel(open(), 118, 86), [240, 240, 240])
  const cutOut = await decodeHeic(heicFixture('cut-out'))
  expect(await cutOut().metadata()).toMatchObject({ width: 128, height: 96, hasAlpha: true })
  expect((await pixel(cutOut(), 2, 2))[3]).toBe(0)
  expect((await pixel(cutOut(), 64, 48))[3]).toBe(255)
})

test('a decoded HEIC keeps its colour profile: Display P3 values with the P3 profile, which convert back to sRGB red', async () => {
  const open = await decodeHeic(heicFixture('p3-red'))
  const meta = await open().metadata()
  expect(iccDescription(meta.icc as Buffer)).toBe('Display P3')
  near(await pixel(open().keepIccProfile(), 64, 48), [234, 51, 35])
  near(await pixel(open().toColourspace('srgb'), 64, 48), [255, 0, 0], 16)
})

test('the gallery thumbnail of a HEIC is its decoded picture', async () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'phone.heic'), heicFixture('quadrants'))
  const thumb = readFileSync(await new Thumbnails(join(dir, 'thumbs')).pathFor({ path: join(dir, 'phone.heic'), format: 'heic' }))
  expect(await sharp(thumb).metadata()).toMatchObject({ format: 'jpeg', width: 128, height: 96 })
  near(await pixel(sharp(thumb), 10, 10), [220, 30, 30], 20)
})

/** Runs the folder of HEIC fixtures through an operation; each file's job, and what arrived, by file. */
async function sendFixtures(provider: 'photoroom' | 'pixelcut', operation: 'edit' | 'remove-background'): Promise<{ jobs: Record<string, { state: string; notes?: string[] }>; arrived: Buffer[] }> {
  const work = tempDir()
  mkdirSync(join(work, 'phone'))
  for (const name of ['quadrants', 'p3-red', 'cut-out'] as const) writeFileSync(join(work, 'phone', `${name}.heic`), heicFixture(name))
  received.length = 0
  const { batch, events } = await makeBatch(sim.current, work, [join(work, 'phone')], provider, operation, {}, { urls, concurrency: 1 })
  await batch.run()
  const jobs: Record<string, { state: string; notes?: string[] }> = {}
  for (const e of events) if (e.type === 'job') jobs[basename(e.job.file)] = e.job
  return { jobs, arrived: [...received] }
}

test('Photoroom edit, which takes no HEIC, receives JPEG (PNG for the cut-out), in sRGB converted from the P3 profile', async () => {
  const { jobs, arrived } = await sendFixtures('photoroom', 'edit')
  expect(jobs).toMatchObject({
    'quadrants.heic': { state: 'done', notes: ['sent as JPEG, converted from HEIC'] },
    'p3-red.heic': { state: 'done', notes: ['converted from Display P3 to sRGB, the only colour space the provider takes', 'sent as JPEG, converted from HEIC'] },
    'cut-out.heic': { state: 'done', notes: ['sent as PNG, converted from HEIC'] }
  })
  const formats = await Promise.all(arrived.map(async (bytes) => (await sharp(bytes).metadata()).format))
  expect(formats.sort()).toEqual(['jpeg', 'jpeg', 'png'])
  const seen = await Promise.all(arrived.map(async (bytes) => ({ meta: await sharp(bytes).metadata(), centre: await pixel(sharp(bytes, { ignoreIcc: true }), 64, 48) })))
  // The P3 photo (the one red all over) arrives as plain sRGB red: converted through its profile, not stripped of it.
  const p3 = seen.find((r) => r.meta.format === 'jpeg' && r.centre[0]! > 200 && r.centre[2]! < 100)
  expect(p3?.meta.icc).toBeUndefined()
  near(p3!.centre, [255, 0, 0], 16)
})

test('Pixelcut, which takes no HEIC and any colour space, receives JPEG that keeps the Display P3 profile', async () => {
  const { jobs, arrived } = await sendFixtures('pixelcut', 'remove-background')
  // The P3 photo is red all over: no subject to cut out, which Pixelcut answers as such (unknown_foreground).
  expect(jobs).toMatchObject({ 'quadrants.heic': { state: 'done' }, 'cut-out.heic': { state: 'done' }, 'p3-red.heic': { state: 'failed', reason: expect.stringMatching(/subject/i) } })
  const metas = await Promise.all(arrived.map((bytes) => sharp(bytes).metadata()))
  expect(metas.map((m) => m.format).sort()).toEqual(['jpeg', 'jpeg', 'png'])
  const p3 = metas.find((m) => m.icc)
  expect(iccDescription(p3?.icc as Buffer)).toBe('Display P3')
})

test('the size checks read a HEIC’s own size: one under Pixelcut’s 64 px minimum is skipped with the reason, and nothing is sent', async () => {
  const work = tempDir()
  writeFileSync(join(work, 'small.heic'), heicFixture('small'))
  received.length = 0
  const { batch, events } = await makeBatch(sim.current, work, [join(work, 'small.heic')], 'pixelcut', 'remove-background', {}, { urls })
  await batch.run()
  const job = events.flatMap((e) => (e.type === 'job' ? [e.job] : [])).pop()
  expect(job).toMatchObject({ state: 'skipped', reason: 'the image is 48x36; Pixelcut background removal needs at least 64x64 px' })
  expect(received).toEqual([])
})

test('HEIC is decoded on its own thread: libheif never loads on the calling thread', async () => {
  const decode = await decodeHeic(heicFixture('small'))
  expect((await decode().metadata()).width).toBeGreaterThan(0)
  // Node's module cache is per thread: the decoder loaded in the worker leaves no entry here.
  const loadedHere = Object.keys(createRequire(import.meta.url).cache).filter((path) => /[\\/](heic-decode|libheif-js)[\\/]/.test(path))
  expect(loadedHere).toEqual([])
})
