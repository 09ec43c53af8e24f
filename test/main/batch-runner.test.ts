import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, expect, test } from 'vitest'
import { pruneCache } from '../../src/engine/purchases/cache-upkeep'
import { imageOf } from '../../src/main/catalog/results'
import type { QueueState } from '../../src/shared/ipc/contract'
import { useTestApps, type TestApp, runEnded } from '../helpers/main-app'
import { confirmedRun } from '../helpers/confirm'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator({ ...NO_LIMITS, profiles: { ...NO_LIMITS.profiles, photoroom: { ...NO_LIMITS.profiles.photoroom, latencyMs: 60 } } })
const openApp = useTestApps()
afterEach(() => {
  sim.current.setBalance('photoroom', 'photoroom-demo', 1000)
})

async function ready(photos: number, options: { key?: boolean; folder?: boolean } = {}): Promise<TestApp> {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), photos)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  if (options.folder !== false) await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  if (options.key !== false) await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  return app
}

const imageRequests = (): number => sim.current.stats().providers.photoroom.byPath['/v1/segment'] ?? 0
const idle = (a: TestApp): Promise<QueueState> => a.next('queue', runEnded)

test('no request is sent without a key or an output folder; the refusal says what to do', async () => {
  sim.current.resetStats()
  const a = await ready(2, { key: false })
  await expect(confirmedRun(a.handlers, {})).rejects.toThrow('Add your Photoroom API key first.')
  await a.handlers.updateSettings({ outputFolder: null })
  await a.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await expect(confirmedRun(a.handlers, {})).rejects.toThrow('Choose an output folder first.')
  await a.handlers.setKey({ provider: 'photoroom', key: 'sk_pr_wrong_000000' })
  await a.handlers.updateSettings({ outputFolder: join(a.dir, 'out') })
  await expect(confirmedRun(a.handlers, {})).rejects.toThrow(/Photoroom refused the saved key/)
  // A sandbox key on its own is fine, but not for remove-background: refused up front, and the key stays valid.
  await a.handlers.deleteKey({ provider: 'photoroom' })
  await a.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroomSandbox })
  await expect(confirmedRun(a.handlers, {})).rejects.toThrow(/sandbox keys work only with the Image Editing API/)
  expect((await a.handlers.testKey({ provider: 'photoroom' })).state).toBe('set')
  expect(imageRequests()).toBe(0)
})

test('a batch streams coalesced job updates, one result event per photo, the balance after charges, and the queue state', async () => {
  const a = await ready(12)
  sim.current.resetStats()
  const started = Date.now()
  const finished = idle(a)
  expect(await confirmedRun(a.handlers, {})).toEqual({ jobs: 12, held: 0 })
  // Run selected during a run adds only what is not already queued: nothing here.
  expect(await confirmedRun(a.handlers, {})).toEqual({ jobs: 0, held: 0 })
  const end = await finished
  const seconds = (Date.now() - started) / 1000

  expect(end).toMatchObject({ state: 'idle', total: 12, finished: 12, counts: { done: 12 }, reason: '12 done · 0 skipped · 0 failed of 12.' })
  // The added folder is mirrored under the output folder, as the CLI does.
  expect(readdirSync(join(a.dir, 'out', 'shoot')).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `photo-${String(i + 1).padStart(2, '0')}.png`))
  const jobMessages = a.events.filter((e) => e.event === 'jobs').length
  expect(jobMessages).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2)
  expect(a.events.filter((e) => e.event === 'result')).toHaveLength(12)
  expect(a.events.some((e) => e.event === 'queue' && (e.payload as QueueState).state === 'running')).toBe(true)
  // The balance is read again after charges (throttled), and lands on what the account really has.
  await a.next('balance', (b) => b.source === 'provider' && b.unit === 'credits' && b.available === 988)
  expect(imageRequests()).toBe(12)

  // A reopened session knows what was done and where the results are.
  const state = await a.handlers.getState()
  expect(state.jobs.filter((j) => j.state === 'done')).toHaveLength(12)
  const shown: string[] = []
  const reopened = await openApp(sim.current, { dir: a.dir, shell: { pickPaths: async () => [], showInFolder: (p) => void shown.push(p) } })
  const first = (await reopened.handlers.getState()).firstRows[0]!
  expect(first).toMatchObject({ name: 'photo-01.jpg', results: 1 })
  await reopened.handlers.showInFolder({ photoId: first.id, index: 0 })
  expect(shown).toEqual([join(a.dir, 'out', 'shoot', 'photo-01.png')])
})

test('credits running out pause the queue with the reason; after a top-up, resume finishes without billing anything twice', async () => {
  const a = await ready(8)
  sim.current.setBalance('photoroom', 'photoroom-demo', 3)
  sim.current.resetStats()
  const paused = a.next('queue', (q) => q.state === 'paused')
  await confirmedRun(a.handlers, {})
  expect((await paused).reason).toMatch(/credit/i)
  sim.current.setBalance('photoroom', 'photoroom-demo', 100)
  const finished = idle(a)
  await a.handlers.resumeBatch()
  expect(await finished).toMatchObject({ finished: 8, counts: { done: 8 } })
  expect(sim.current.stats().providers.photoroom.charged).toBe(8)
})

test('per-image overrides: photos with their own parameters are sent with them', async () => {
  const a = await ready(3)
  const [one] = (await a.handlers.getState()).firstRows
  await a.handlers.setOverrides({ photoId: one!.id, values: { format: 'webp' } })
  const finished = idle(a)
  await confirmedRun(a.handlers, {})
  await finished
  const out = readdirSync(join(a.dir, 'out', 'shoot')).sort()
  expect(out).toEqual(['photo-01.webp', 'photo-02.png', 'photo-03.png'])
  expect(existsSync(join(a.dir, 'out', '.proofsheet-partial'))).toBe(false)
})

test('photos of one run in different parameter groups never share an output name; one run again alone keeps its name', async () => {
  const app = await openApp(sim.current)
  const [first, second] = await makePhotos(join(app.dir, 'made'), 2)
  mkdirSync(join(app.dir, 'shoot'))
  copyFileSync(first!, join(app.dir, 'shoot', 'a.jpg'))
  await sharp(second!).png().toFile(join(app.dir, 'shoot', 'a.png'))
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const rows = (await app.handlers.getState()).firstRows
  const png = rows.find((r) => r.name === 'a.png')!
  await app.handlers.setOverrides({ photoId: png.id, values: { format: 'webp' } })
  let finished = idle(app)
  await confirmedRun(app.handlers, {})
  expect(await finished).toMatchObject({ counts: { done: 2 } })
  const out = join(app.dir, 'out', 'shoot')
  expect(readdirSync(out).sort()).toEqual(['a (2).webp', 'a.png'])
  const jpgOutput = readFileSync(join(out, 'a.png'))

  await app.handlers.setOverrides({ photoId: png.id, values: { format: 'png' } })
  finished = idle(app)
  await confirmedRun(app.handlers, { photoIds: [png.id] })
  expect(await finished).toMatchObject({ counts: { done: 1 } })
  expect(readdirSync(out).sort()).toEqual(['a (2).png', 'a (2).webp', 'a.png'])
  expect(readFileSync(join(out, 'a.png'))).toEqual(jpgOutput)
})

test('a photo run again keeps the image of its earlier variant, though its output file is written again under the same name', async () => {
  const a = await ready(1)
  let finished = idle(a)
  await confirmedRun(a.handlers, {})
  await finished
  const photo = (await a.handlers.getState()).firstRows[0]!
  const first = a.catalog.results(photo.id)[0]!
  const firstBytes = readFileSync(imageOf(first.outputs[0]!))

  await a.handlers.setPreset({ operationId: 'photoroom.remove-background', values: { bg_color: '#FF0000' } })
  finished = idle(a)
  await confirmedRun(a.handlers, { photoIds: [photo.id] })
  await finished
  const [newest, earlier] = a.catalog.results(photo.id)
  expect(earlier!.id).toBe(first.id)
  expect(readdirSync(join(a.dir, 'out', 'shoot'))).toHaveLength(1)
  // Both still point at the written file for "Show file"; each shows its own image.
  expect(earlier!.outputs[0]!.path).toBe(newest!.outputs[0]!.path)
  expect(readFileSync(imageOf(earlier!.outputs[0]!))).toEqual(firstBytes)
  expect(readFileSync(imageOf(newest!.outputs[0]!))).toEqual(readFileSync(newest!.outputs[0]!.path))
  expect(readFileSync(imageOf(newest!.outputs[0]!))).not.toEqual(firstBytes)
})

test('a removed photo keeps the copies of its results while it can be put back; once forgotten they go, never the output files written for the user', async () => {
  const a = await ready(2)
  const finished = idle(a)
  await confirmedRun(a.handlers, {})
  await finished
  const [gone, stays] = (await a.handlers.getState()).firstRows
  const keptOf = (id: number) => a.catalog.results(id).flatMap((r) => r.outputs.map((o) => ({ kept: imageOf(o), written: o.path })))
  const [goneFiles, staysFiles] = [keptOf(gone!.id), keptOf(stays!.id)]
  expect(goneFiles[0]!.kept).not.toBe(goneFiles[0]!.written)

  await a.handlers.removePhotos({ ids: [gone!.id] })
  expect(existsSync(goneFiles[0]!.kept)).toBe(true)
  expect(await a.handlers.undoRemove()).toEqual({ restored: 1, notRestored: 0 })
  expect(keptOf(gone!.id)).toEqual(goneFiles)

  await a.handlers.removePhotos({ ids: [gone!.id] })
  // A later session: the removal can no longer be undone.
  await a.photos.forgetRemovals()
  expect(existsSync(goneFiles[0]!.kept)).toBe(false)
  expect(existsSync(goneFiles[0]!.written)).toBe(true)
  expect(existsSync(staysFiles[0]!.kept)).toBe(true)
  expect(await a.handlers.undoRemove()).toEqual({ restored: 0, notRestored: 0 })
})

test("a result pruned from the cache whose output file is gone is found again in the window's own copy, not bought again", async () => {
  const a = await ready(1)
  let finished = idle(a)
  await confirmedRun(a.handlers, {})
  await finished
  const output = join(a.dir, 'out', 'shoot', 'photo-01.png')
  const before = { bytes: readFileSync(output), requests: imageRequests() }
  await pruneCache(join(a.dir, 'state'), 0)
  rmSync(output)

  finished = idle(a)
  await confirmedRun(a.handlers, {})
  expect(await finished).toMatchObject({ counts: { reused: 1 } })
  expect(imageRequests()).toBe(before.requests)
  expect(readFileSync(output)).toEqual(before.bytes)
})
