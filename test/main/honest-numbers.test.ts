import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { QueueState } from '../../src/shared/ipc/contract'
import { runSummary } from '../../src/main/jobs/run-summary'
import { confirmedCap, confirmedRun } from '../helpers/confirm'
import { useTestApps, type TestApp } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator, withSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

async function ready(photos: number, settings: { outputFolder?: boolean } = {}): Promise<TestApp & { ids: number[] }> {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), photos)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  if (settings.outputFolder !== false) await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  return Object.assign(app, { ids: await app.handlers.photoIds({}) })
}

const idle = (app: TestApp): Promise<QueueState> => app.next('queue', (q) => q.state === 'idle')

test('after a partial run the estimate leaves out the photos whose results will be reused, and says how many', async () => {
  const app = await ready(4)
  const ended = idle(app)
  await confirmedRun(app.handlers, { photoIds: app.ids.slice(0, 3) })
  await ended
  expect(await app.handlers.estimateCost({})).toMatchObject({ photos: 1, reused: 3, providers: [{ provider: 'photoroom', unit: 'credits', amount: 1, photos: 1 }] })
  // Other parameters are another purchase: nothing is reused then.
  await app.handlers.setPreset({ operationId: 'photoroom.remove-background', values: { size: 'preview' } })
  expect(await app.handlers.estimateCost({})).not.toHaveProperty('reused')
  await app.handlers.setPreset({ operationId: 'photoroom.remove-background', values: {} })
  // Buy again pays for what it asks, so its estimate counts every photo.
  expect(await app.handlers.estimateCost({ buyAgain: true })).toMatchObject({ photos: 4 })

  // The run that follows buys exactly what the estimate said it would.
  const charged = sim.current.stats().providers.photoroom.charged
  const again = idle(app)
  await confirmedRun(app.handlers, {})
  expect(await again).toMatchObject({ counts: { done: 1, reused: 3 } })
  expect(sim.current.stats().providers.photoroom.charged - charged).toBe(1)
})

test('the confirmation shows the budget cap in credits and what it holds back; Photoroom images count 5 credits each', async () => {
  const app = await ready(5)
  await confirmedCap(app.handlers, 3)
  expect(await app.handlers.confirmRun({})).toMatchObject({ photos: 5, cap: { limit: 3, spent: 0, adds: 3, held: 2 } })

  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: {} })
  await confirmedCap(app.handlers, 10)
  expect(await app.handlers.confirmRun({})).toMatchObject({ photos: 5, providers: [{ unit: 'images', amount: 5 }], cap: { limit: 10, adds: 10, held: 3 } })
  const paused = app.next('queue', (q) => q.state === 'paused')
  expect(await confirmedRun(app.handlers, {})).toEqual({ jobs: 2, held: 3 })
  expect(await paused).toMatchObject({ held: 3, budget: { cap: 10, spent: 10 }, reason: expect.stringMatching(/^Budget cap of 10 credits reached: 3 photos wait/) })
})

test('photos whose results will be reused cost nothing against the cap: the queue holds back what the confirmation said, no more', async () => {
  const app = await ready(4)
  await confirmedCap(app.handlers, 3)
  const ended = idle(app)
  await confirmedRun(app.handlers, { photoIds: app.ids.slice(0, 2) })
  await ended
  // Two credits counted already, one left: of the two photos to pay for, one fits and one waits; the two reused are free.
  expect(await app.handlers.confirmRun({})).toMatchObject({ photos: 2, reused: 2, cap: { limit: 3, spent: 2, adds: 1, held: 1 } })
  expect(await confirmedRun(app.handlers, {})).toEqual({ jobs: 3, held: 1 })
})

test('photos already in the queue are left out of the estimate and counted apart, as a new run leaves them be', async () => {
  const app = await ready(4)
  await confirmedCap(app.handlers, 10)
  await app.handlers.pauseBatch(undefined)
  await confirmedRun(app.handlers, { photoIds: app.ids.slice(0, 3) })
  // Three wait in the paused queue (3 of the cap's 10 credits on their way): only the fourth would be priced, under what is left.
  expect(await app.handlers.estimateCost({})).toMatchObject({ photos: 1, queued: 3, cap: { limit: 10, spent: 3, adds: 1, held: 0 }, providers: [{ amount: 1, photos: 1 }] })
  expect(await app.handlers.estimateCost({ photoIds: app.ids.slice(0, 2) })).toMatchObject({ photos: 0, queued: 2 })
  const ended = idle(app)
  await app.handlers.resumeBatch(undefined)
  await ended
  expect(await app.handlers.estimateCost({})).not.toHaveProperty('queued')
})

test('photos held by the cap go on by themselves once the photos before them came out cheaper (an identical photo bought once for both)', async () => {
  const app = await openApp(sim.current)
  const [first] = await makePhotos(join(app.dir, 'shoot'), 2)
  copyFileSync(first!, join(app.dir, 'shoot', 'a-copy.jpg'))
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await confirmedCap(app.handlers, 2)
  const charged = sim.current.stats().providers.photoroom.charged
  const ended = idle(app)
  // At most 1 credit each: the copy and its original fit the cap of 2, the third photo waits; the two identical photos are bought once.
  expect(await confirmedRun(app.handlers, {})).toEqual({ jobs: 2, held: 1 })
  expect(await ended).toMatchObject({ held: 0, budget: { cap: 2, spent: 2 } })
  expect(sim.current.stats().providers.photoroom.charged - charged).toBe(2)
})

test('a run without an output folder is stopped at its confirmation, before any cost is shown', async () => {
  const app = await ready(2, { outputFolder: false })
  await expect(app.handlers.confirmRun({})).rejects.toThrow(/Choose an output folder first/)
})

test('a cancelled run says how far it got, not a full count', () => {
  expect(runSummary({ done: 70, reused: 4, cancelled: 220 }, 294)).toBe('Cancelled · 74 of 294 done')
  expect(runSummary({ done: 7, skipped: 1, failed: 2, cancelled: 10 }, 20)).toBe('Cancelled · 7 of 20 done · 1 skipped · 2 failed')
  expect(runSummary({ done: 3 }, 3)).toBe('3 done · 0 skipped · 0 failed of 3.')
})

test('a pause is named by its cause in the queue each provider reports', async () => {
  await withSimulator({ profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 1_000 } } }, async (slow) => {
    const app = await openApp(slow)
    await makePhotos(join(app.dir, 'shoot'), 4)
    await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
    await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out'), concurrency: { photoroom: 1 } })
    await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
    const running = app.next('queue', (q) => q.state === 'running')
    await confirmedRun(app.handlers, {})
    await running
    const paused = app.next('queue', (q) => q.state === 'paused')
    await app.handlers.pauseBatch(undefined)
    expect((await paused).providers['photoroom']).toMatchObject({ status: 'paused', cause: 'user' })
    const ended = idle(app)
    await app.handlers.resumeBatch(undefined)
    await ended
  })
})
