import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { EventPayload, QueueState } from '../../src/shared/ipc/contract'
import { confirmedRun } from '../helpers/confirm'
import { useTestApps } from '../helpers/main-app'
import { makePhotos, tempDir } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

test('a watched folder runs a preset of another operation as a run of that preset, and writes no overrides on the photos', async () => {
  const app = await openApp(sim.current)
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  // The batch removes backgrounds; the folder's preset is a Photoroom edit.
  await app.handlers.setPreset({ operationId: 'photoroom.remove-background', values: {} })
  const amazon = (await app.handlers.getState(undefined)).presets.find((p) => p.name === 'Amazon main image')!
  expect(amazon.operationId).toBe('photoroom.edit')
  const hot = join(app.dir, 'hot')
  mkdirSync(hot)
  await app.handlers.watchFolder({ path: hot, autoRun: true, presetId: amazon.id })
  const watchRunEnded = app.next('queue', (q: QueueState) => q.state === 'idle' && q.total > 0)
  const outcome = Promise.race([app.next('result'), app.next('notice', (n) => /not run/.test(n.message)).then((n) => ({ notice: n.message }))])
  const [photo] = await makePhotos(join(tempDir(), 'card'), 1)
  copyFileSync(photo!, join(hot, 'new.jpg'))
  const { photoId } = (await outcome) as EventPayload<'result'>
  const [result] = app.catalog.results(photoId)
  expect(result).toMatchObject({ provider: 'photoroom', operation: 'edit', params: amazon.values })
  expect(app.catalog.photo(photoId)?.overrides).toEqual({})

  await watchRunEnded
  // A later batch run treats it like any other photo: with the batch's own operation.
  const ended = app.next('queue', (q: QueueState) => q.state === 'idle')
  await confirmedRun(app.handlers, { photoIds: [photoId] })
  expect(await ended).toMatchObject({ counts: { done: 1 } })
  expect(app.catalog.results(photoId)[0]).toMatchObject({ operation: 'remove-background' })
})

test('photos whose overrides do not fit the batch\'s operation are skipped with the reason, counted as skipped, and the rest run', async () => {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), 3)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const [first] = await app.handlers.photoIds({})
  // An override made for remove-background ("size"), left on the photo when the batch became an edit.
  await app.handlers.editOverrides({ photoIds: [first!], set: { size: 'preview' }, reset: [] })
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: {} })
  expect(await app.handlers.estimateCost({})).toMatchObject({ photos: 2, skipped: 1 })

  const ended = app.next('queue', (q: QueueState) => q.state === 'idle')
  await confirmedRun(app.handlers, {})
  expect(await ended).toMatchObject({ total: 3, counts: { done: 2, skipped: 1 }, reason: '2 done · 1 skipped · 0 failed of 3.' })
  const [job] = app.runner.jobsOf([first!])
  expect(job).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/^its own settings do not fit Photoroom edit \(.*size.*\): reset them in the inspector/) })
})
