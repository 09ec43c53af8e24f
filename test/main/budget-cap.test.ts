import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { QueueState } from '../../src/shared/ipc/contract'
import { useTestApps } from '../helpers/main-app'
import { confirmedCap, confirmedRun } from '../helpers/confirm'
import { CORPUS_OUTCOMES, writeCorpus } from '../helpers/corpus'
import { productPhoto } from '../helpers/images'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

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
  // The unreadable files (bombs, damaged, RAW without a usable preview) and the earlier result; the RAW
  // whose JPEG is sent instead is known only once the batch is made, so it still counts.
  expect(estimate).toMatchObject({ photos: Object.keys(CORPUS_OUTCOMES).length + 1 - 8, skipped: 8 })
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
  expect(queue).toMatchObject({ held: 2, counts: { done: 3, held: 2 }, reason: expect.stringMatching(/Budget cap of 3 reached: 2 photos wait/) })
  expect(segments()).toBe(3)

  await confirmedCap(app.handlers, 10)
  const idle = app.next('queue', (q: QueueState) => q.state === 'idle')
  await app.handlers.resumeBatch(undefined)
  expect(await idle).toMatchObject({ total: 5, finished: 5, held: 0, counts: { done: 5 } })
  expect(segments()).toBe(5)
})

