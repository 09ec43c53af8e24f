import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { QueueState } from '../../src/shared/ipc/contract'
import type { Simulator } from '../../src/simulator/server'
import { confirmedRun } from '../helpers/confirm'
import { useTestApps, type TestApp } from '../helpers/main-app'
import { makePhotos, tempDir } from '../helpers/photos'
import { DEMO_KEYS, withSimulator } from '../helpers/simulator'

const openApp = useTestApps()
const slow = (latencyMs: number) => ({ profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs } } })

async function ready(sim: Simulator, photos: number, concurrency = 2): Promise<TestApp> {
  const app = await openApp(sim)
  await makePhotos(join(app.dir, 'shoot'), photos)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out'), concurrency: { photoroom: concurrency } })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  return app
}

const written = (app: TestApp): string[] => (existsSync(join(app.dir, 'out', 'shoot')) ? readdirSync(join(app.dir, 'out', 'shoot')) : [])
const idle = (app: TestApp): Promise<QueueState> => app.next('queue', (q) => q.state === 'idle')
const segments = (sim: Simulator): number => sim.stats().providers.photoroom.byPath['/v1/segment'] ?? 0

test('Cancel finishes the requests on the wire ("Finishing N paid requests…"): charges equal results written, and the rerun buys exactly the missing photos', async () => {
  await withSimulator(slow(1_500), async (sim) => {
    const app = await ready(sim, 8)
    const finishing = app.next('queue', (q) => q.state === 'finishing')
    await confirmedRun(app.handlers, {})
    await expect.poll(() => sim.stats().providers.photoroom.inFlight, { timeout: 15_000 }).toBe(2)
    let ended = idle(app)
    await app.handlers.cancelBatch(undefined)
    expect(await finishing).toMatchObject({ reason: 'Finishing 2 paid requests…' })
    expect(await ended).toMatchObject({ counts: { done: 2, cancelled: 6 } })
    await expect.poll(() => sim.stats().providers.photoroom.working).toBe(0)
    expect(sim.stats().providers.photoroom.charged).toBe(2)
    expect(written(app)).toHaveLength(2)

    ended = idle(app)
    await confirmedRun(app.handlers, {})
    expect(await ended).toMatchObject({ counts: { done: 6, reused: 2 } })
    expect(sim.stats().providers.photoroom.charged).toBe(8)
  })
})

test('Cancel again (Stop now) stops at once and says which photos may have been charged; the notice stays on the photo until dismissed', async () => {
  await withSimulator(slow(8_000), async (sim) => {
    const app = await ready(sim, 4)
    await confirmedRun(app.handlers, {})
    await expect.poll(() => sim.stats().providers.photoroom.inFlight, { timeout: 15_000 }).toBe(2)
    const ended = idle(app)
    const notice = app.next('notice', (n) => /Stopped now/.test(n.message))
    await app.handlers.cancelBatch(undefined)
    const pressed = Date.now()
    await app.handlers.cancelBatch(undefined)
    expect((await notice).message).toMatch(/may have been charged: photo-0\d\.jpg, photo-0\d\.jpg$/)
    await ended
    expect(Date.now() - pressed).toBeLessThan(4_000)
    const noticed = app.runner.jobsOf().filter((j) => j.maybeCharged)
    expect(noticed).toHaveLength(2)
    expect(noticed[0]!.maybeCharged).toMatch(/^Sent today at .*may have charged it/)
    await app.handlers.dismissNotice({ photoId: Number(noticed[0]!.ref) })
    expect(app.runner.jobsOf().filter((j) => j.maybeCharged)).toHaveLength(1)
  })
})

test('Quit waits for the paid requests with the same visible state, then closes the catalog cleanly', async () => {
  await withSimulator(slow(1_500), async (sim) => {
    const app = await ready(sim, 6)
    await confirmedRun(app.handlers, {})
    await expect.poll(() => sim.stats().providers.photoroom.inFlight, { timeout: 15_000 }).toBe(2)
    await app.close()
    expect(app.events.some((e) => e.event === 'queue' && (e.payload as QueueState).reason === 'Finishing 2 paid requests…')).toBe(true)
    await expect.poll(() => sim.stats().providers.photoroom.working).toBe(0)
    expect(sim.stats().providers.photoroom.charged).toBe(2)
    expect(written(app)).toHaveLength(2)
    const reopened = await openApp(sim, { dir: app.dir })
    const ids = await reopened.handlers.photoIds({})
    expect(ids.flatMap((id) => reopened.catalog.results(id))).toHaveLength(2)
    expect(reopened.runner.jobsOf().filter((j) => j.state === 'cancelled')).toHaveLength(4)
  })
})

test('Run selected during a run adds the photos to it; a single photo from the loupe goes ahead of the waiting batch', async () => {
  await withSimulator(slow(400), async (sim) => {
    const app = await ready(sim, 10, 1)
    const ids = await app.handlers.photoIds({})
    const ended = idle(app)
    expect(await confirmedRun(app.handlers, { photoIds: ids.slice(0, 7) })).toEqual({ jobs: 7, held: 0 })
    await app.next('result')
    expect(await confirmedRun(app.handlers, { photoIds: ids.slice(7, 9) })).toEqual({ jobs: 2, held: 0 })
    const single = app.next('result', (r) => r.photoId === ids[9])
    expect(await confirmedRun(app.handlers, { photoIds: [ids[9]!] })).toEqual({ jobs: 1, held: 0 })
    await single
    // The re-run came back while most of the batch was still waiting its turn.
    expect(app.events.filter((e) => e.event === 'result').length).toBeLessThanOrEqual(4)
    expect(await ended).toMatchObject({ total: 10, counts: { done: 10 } })
  })
})

test('photos arriving in an auto-run watched folder join the running queue at once', async () => {
  await withSimulator(slow(600), async (sim) => {
    const app = await ready(sim, 8, 1)
    const hot = join(app.dir, 'hot')
    mkdirSync(hot)
    await app.handlers.watchFolder({ path: hot, autoRun: true, presetId: null })
    // The end of a run: idle after something ran (the queue may also say idle, empty, as settings change).
    const ranAndEnded = (e: { event: string; payload: unknown }): boolean => e.event === 'queue' && (e.payload as QueueState).state === 'idle' && (e.payload as QueueState).total > 0
    const ended = app.next('queue', (q) => q.state === 'idle' && q.total > 0)
    await confirmedRun(app.handlers, { photoIds: await app.handlers.photoIds({}) })
    const [photo] = await makePhotos(join(tempDir(), 'card'), 1, { width: 330 })
    copyFileSync(photo!, join(hot, 'new.jpg'))
    const arrived = await app.next('result', (r) => app.catalog.photo(r.photoId)?.name === 'new.jpg')
    expect(arrived.photoId).toBeGreaterThan(0)
    // It ran during the batch, not after it: one run of nine.
    expect(app.events.some(ranAndEnded)).toBe(false)
    expect(await ended).toMatchObject({ total: 9, counts: { done: 9 } })
  })
})

test('concurrency raised during a run is used by the next request', async () => {
  await withSimulator(slow(1_000), async (sim) => {
    const app = await ready(sim, 8, 1)
    const ended = idle(app)
    await confirmedRun(app.handlers, {})
    await expect.poll(() => sim.stats().providers.photoroom.inFlight, { timeout: 15_000 }).toBe(1)
    expect(sim.stats().providers.photoroom.peakInFlight).toBe(1)
    await app.handlers.updateSettings({ concurrency: { photoroom: 4 } })
    await expect.poll(() => sim.stats().providers.photoroom.inFlight, { timeout: 1_500 }).toBe(4)
    await ended
    expect(segments(sim)).toBe(8)
  })
})
