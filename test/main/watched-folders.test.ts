import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { CatalogSummary } from '../../src/shared/ipc/contract'
import { useTestApps } from '../helpers/main-app'
import { makePhotos, tempDir } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

const total = (n: number) => (s: CatalogSummary) => s.total === n

test('a watched folder adds what is there, then each new photo once its writes finish; other files are ignored', async () => {
  const app = await openApp(sim.current)
  const hot = join(app.dir, 'hot')
  await makePhotos(hot, 1)
  const spare = await makePhotos(join(tempDir(), 'spare'), 2)
  const folder = await app.handlers.watchFolder({ path: hot, autoRun: false, presetId: null })
  expect(app.catalog.countPhotos()).toBe(1)
  expect((await app.handlers.getState(undefined)).watched).toEqual([folder])

  const two = app.next('catalog', total(2))
  mkdirSync(join(hot, 'day-2'))
  copyFileSync(spare[0]!, join(hot, 'day-2', 'arrived.jpg'))
  writeFileSync(join(hot, 'notes.txt'), 'not a photo')
  await two
  expect(app.catalog.photoByPath(join(hot, 'day-2', 'arrived.jpg'))).toMatchObject({ folder: 'day-2' })

  await app.handlers.unwatchFolder({ id: folder.id })
  copyFileSync(spare[1]!, join(hot, 'late.jpg'))
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect(app.catalog.countPhotos()).toBe(2)
})

test('with auto-run, new photos run with the chosen preset as they arrive; a typed path is refused in the app', async () => {
  const app = await openApp(sim.current)
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: {} })
  const amazon = (await app.handlers.getState(undefined)).presets.find((p) => p.name === 'Amazon main image')!
  const hot = join(app.dir, 'hot')
  mkdirSync(hot)
  await app.handlers.watchFolder({ path: hot, autoRun: true, presetId: amazon.id })
  const result = app.next('result')
  const [photo] = await makePhotos(join(tempDir(), 'card'), 1)
  copyFileSync(photo!, join(hot, 'new.jpg'))
  const { photoId } = await result
  expect(app.catalog.results(photoId)[0]?.params).toMatchObject(amazon.values)

  const shell = await openApp(sim.current, { typedPaths: false, shell: { pickPaths: async () => [hot], showInFolder: () => undefined } })
  await expect(shell.handlers.watchFolder({ path: hot, autoRun: false, presetId: null })).rejects.toThrow(/Watch a folder/)
  expect(await shell.handlers.pickWatchFolder({ autoRun: false, presetId: null })).toMatchObject({ path: hot })
})
