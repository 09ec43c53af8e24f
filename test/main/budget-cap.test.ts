import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { QueueState } from '../../src/shared/ipc/contract'
import { useTestApps, runEnded } from '../helpers/main-app'
import { confirmedCap, confirmedRun } from '../helpers/confirm'
import { CORPUS_OUTCOMES, writeCorpus } from '../helpers/corpus'
import { productPhoto } from '../helpers/images'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'
import { cr2Like } from '../helpers/tiff-raw'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

const segments = (): number => sim.current.stats().providers.photoroom.byPath['/v1/segment'] ?? 0

test('the estimate prices every photo with its own parameters against the balance', async () => {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), 4)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const ids = await app.handlers.photoIds({})
  await app.handlers.editOverrides({ photoIds: [ids[0]!], set: { size: 'preview' }, reset: [] })
  const estimate = await app.handlers.estimateCost({})
  expect(estimate).toEqual({ photos: 4, skipped: 0, providers: [{ provider: 'photoroom', unit: 'credits', amount: 3.25, photos: 4, available: 1000 }] })
  expect((await app.handlers.estimateCost({ photoIds: [ids[1]!] })).providers[0]?.amount).toBe(1)
})

test('photos already known to be skipped are left out of the estimate and counted apart', async () => {
  const app = await openApp(sim.current)
  const shoot = join(app.dir, 'shoot')
  await writeCorpus(shoot)
  await app.handlers.updateSettings({ outputFolder: join(shoot, 'results') })
  mkdirSync(join(shoot, 'results'))
  writeFileSync(join(shoot, 'results', 'earlier.png'), await productPhoto({ format: 'png' }))
  await app.handlers.addPaths({ paths: [shoot] })
  await app.photos.settled()
  const estimate = await app.handlers.estimateCost({})
  // The unreadable files (bombs, damaged, RAW without a usable preview), the earlier result, and the RAW
  // whose JPEG is sent (and priced) in its place (issue 19 item 21).
  expect(estimate).toMatchObject({ photos: Object.keys(CORPUS_OUTCOMES).length + 1 - 9, skipped: 9 })
})

test("a RAW file whose JPEG is run with it is priced once, as the JPEG that is sent", async () => {
  const app = await openApp(sim.current)
  const shoot = join(app.dir, 'shoot')
  mkdirSync(shoot)
  writeFileSync(join(shoot, 'IMG_0100.CR2'), cr2Like(await productPhoto({ width: 2400, height: 1600 }), await productPhoto({ width: 160, height: 120 })))
  writeFileSync(join(shoot, 'IMG_0100.JPG'), await productPhoto({ width: 600, height: 400 }))
  // Alone, a RAW is sent as its embedded preview, and priced.
  writeFileSync(join(shoot, 'IMG_0101.CR2'), cr2Like(await productPhoto({ width: 2400, height: 1600 }), await productPhoto({ width: 160, height: 120 })))
  await app.handlers.addPaths({ paths: [shoot] })
  await app.photos.settled()
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  expect(await app.handlers.estimateCost({})).toMatchObject({ photos: 2, skipped: 1, providers: [{ amount: 2, photos: 2 }] })
  const [, jpeg] = await app.handlers.photoIds({})
  expect(await app.handlers.estimateCost({ photoIds: [jpeg!] })).toMatchObject({ photos: 1, skipped: 0 })
})

test('the budget cap pauses the queue before it would go over; raising it and resuming runs the rest', async () => {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), 5)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out'), budgetCap: 3 })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  sim.current.resetStats()

  const paused = app.next('queue', (q: QueueState) => q.state === 'paused')
  expect(await confirmedRun(app.handlers, {})).toEqual({ jobs: 3, held: 2 })
  const queue = await paused
  expect(queue).toMatchObject({ held: 2, counts: { done: 3, held: 2 }, reason: expect.stringMatching(/Budget cap of 3 credits reached: 2 photos wait/) })
  expect(segments()).toBe(3)

  await confirmedCap(app.handlers, 10)
  const idle = app.next('queue', runEnded)
  await app.handlers.resumeBatch(undefined)
  expect(await idle).toMatchObject({ total: 5, finished: 5, held: 0, counts: { done: 5 } })
  expect(segments()).toBe(5)
})


// Issue 19 item 4: the cap reset with each new run (and with each watched folder's arrival), and was
// checked at the preset's price while "Run for real" ran the proofs' operation.
async function capped(cap: number, photos: number, dir?: string): Promise<{ app: Awaited<ReturnType<typeof openApp>>; ids: number[] }> {
  const app = await openApp(sim.current, dir ? { dir } : {})
  if (!dir) {
    await makePhotos(join(app.dir, 'shoot'), photos)
    await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
    await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
    await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
    await confirmedCap(app.handlers, cap)
  }
  return { app, ids: await app.handlers.photoIds({}) }
}

test('the cap counts all spending since it was set: a new run and a restart count on, and only a confirmed Reset starts again from 0', async () => {
  const { app, ids } = await capped(3, 5)
  sim.current.resetStats()
  const idle = app.next('queue', runEnded)
  await confirmedRun(app.handlers, { photoIds: ids.slice(0, 2) })
  expect(await idle).toMatchObject({ budget: { cap: 3, spent: 2 } })

  const paused = app.next('queue', (q: QueueState) => q.state === 'paused')
  expect(await confirmedRun(app.handlers, { photoIds: ids.slice(2) })).toEqual({ jobs: 1, held: 2 })
  expect(await paused).toMatchObject({ held: 2, budget: { cap: 3, spent: 3 } })
  expect(segments()).toBe(3)
  await app.close()

  // Quitting cancelled the held photos; run again after a restart, they are held again.
  const again = await openApp(sim.current, { dir: app.dir })
  expect(again.runner.queueState()).toMatchObject({ budget: { cap: 3, spent: 3 } })
  await again.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  expect(await confirmedRun(again.handlers, { photoIds: ids.slice(3) })).toEqual({ jobs: 0, held: 2 })
  await again.handlers.resumeBatch(undefined)
  expect(again.runner.queueState().held).toBe(2)
  await expect(again.handlers.resetBudget({ confirmation: 'made-up' })).rejects.toThrow(/asked first/)
  const { question, confirmation } = await again.handlers.confirmBudgetCap({ budgetCap: 3, reset: true })
  expect(question).toMatch(/3 of 3 spent/)
  await again.handlers.resetBudget({ confirmation })
  expect(again.runner.queueState().budget).toMatchObject({ spent: 0 })
  const done = again.next('queue', runEnded)
  await again.handlers.resumeBatch(undefined)
  expect(await done).toMatchObject({ held: 0, budget: { spent: 2 } })
  expect(segments()).toBe(5)
})

test("a watched folder's arrivals count against the cap, however many runs they make", async () => {
  const { app } = await capped(2, 0)
  const hot = join(app.dir, 'hot')
  mkdirSync(hot)
  await app.handlers.watchFolder({ path: hot, autoRun: true, presetId: null })
  sim.current.resetStats()
  const spare = await makePhotos(join(app.dir, 'spare'), 4)
  for (const [i, photo] of spare.entries()) {
    const settled = app.next('queue', (q: QueueState) => q.state === 'idle' || q.state === 'paused')
    copyFileSync(photo, join(hot, `arrival-${i}.jpg`))
    await settled
  }
  await expect.poll(() => app.runner.queueState().held).toBe(2)
  expect(segments()).toBe(2)
  expect(app.runner.queueState().budget).toMatchObject({ cap: 2, spent: 2 })
})

test('"Run for real" is held at what the proofs will run (their operation), not the preset\'s price', async () => {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), 3)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroomSandbox })
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: {} })
  const ids = await app.handlers.photoIds({})
  let idle = app.next('queue', runEnded)
  await app.handlers.startBatch({ mode: 'proof' })
  expect(await idle).toMatchObject({ counts: { done: 3 } })
  await app.handlers.setReview({ photoIds: ids, flag: 'pick' })
  // The preset now costs 0.25 credits a photo (0.75 for all three, under the cap); the proofs were edits, 1 image (5 credits) each.
  await app.handlers.setPreset({ operationId: 'photoroom.remove-background', values: { size: 'preview' } })
  await confirmedCap(app.handlers, 5)
  sim.current.resetStats()
  idle = app.next('queue', (q: QueueState) => q.state === 'paused')
  expect(await confirmedRun(app.handlers, { mode: 'for-real' })).toEqual({ jobs: 1, held: 2 })
  expect(await idle).toMatchObject({ budget: { cap: 5, spent: 5 } })
  expect(sim.current.stats().providers.photoroom.byPath['/v2/edit']).toBe(1)
})

// Found in review: only photos that ended done counted, so answers charged without a usable image
// let every held photo go on, and the cap was overrun.
test('photos charged without a result count against the cap: the held ones stay held', async () => {
  const { app } = await capped(3, 5)
  sim.current.resetStats()
  sim.current.queueFaults('photoroom', ['noImage', 'noImage', 'noImage'])
  const paused = app.next('queue', (q: QueueState) => q.state === 'paused')
  expect(await confirmedRun(app.handlers, {})).toEqual({ jobs: 3, held: 2 })
  expect(await paused).toMatchObject({ held: 2, counts: { failed: 3, held: 2 }, budget: { cap: 3, spent: 3 } })
  expect(sim.current.stats().providers.photoroom.charged).toBe(3)
})
