import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { useTestApps, type TestApp } from '../helpers/main-app'
import { solid, tiffWithPreview } from '../helpers/exif-preview'
import { makePhotos } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'
import { cr2Like } from '../helpers/tiff-raw'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

async function rows(app: TestApp): Promise<Record<string, { facts: string; reason?: string; width: number; format: string | null }>> {
  const { rows } = await app.handlers.listPhotos({ offset: 0, limit: 100 })
  return Object.fromEntries(rows.map((r) => [r.name, r]))
}

test('a RAW whose embedded preview is cut short is unreadable with its reason, and every other photo of the folder is still read', async () => {
  const app = await openApp(sim.current)
  const folder = join(app.dir, 'card')
  await makePhotos(folder, 6, { width: 300, height: 200 })
  const preview = await solid(3000, 2000, '#2040c0')
  const cut = preview.subarray(0, Math.floor(preview.length / 2))
  // Turned by its orientation (the preview is decoded), and flat (only its header is read).
  writeFileSync(join(folder, 'IMG_0001.DNG'), tiffWithPreview(cut, 6))
  writeFileSync(join(folder, 'IMG_0002.CR2'), cr2Like(cut, await solid(160, 120, '#c03020')))
  await app.handlers.addPaths({ paths: [folder] })
  await app.photos.settled()

  const read = await rows(app)
  expect(Object.values(read).filter((r) => r.facts === 'ready')).toHaveLength(6)
  expect(read['IMG_0001.DNG']).toMatchObject({ facts: 'unreadable', reason: /no embedded preview Proofsheet can read/ })
  // Only the small thumbnail beside the cut-short preview can be read.
  expect(read['IMG_0002.CR2']).toMatchObject({ facts: 'unreadable', reason: /its embedded preview is only 160 × 120/ })
  expect(app.photos.summary().pending).toBe(0)
})

test('a file still being copied (two halves, a second apart) becomes a good photo, not a damaged one', async () => {
  const app = await openApp(sim.current)
  const [whole] = await makePhotos(join(app.dir, 'source'), 1, { width: 640, height: 480 })
  const bytes = readFileSync(whole!)
  const copy = join(app.dir, 'incoming', 'photo.jpg')
  mkdirSync(join(app.dir, 'incoming'))
  writeFileSync(copy, bytes.subarray(0, bytes.length >> 1))
  await app.handlers.addPaths({ paths: [copy] })
  await sleep(1000)
  appendFileSync(copy, bytes.subarray(bytes.length >> 1))
  await app.photos.settled()
  expect((await rows(app))['photo.jpg']).toMatchObject({ facts: 'ready', format: 'jpeg', width: 640 })
})

test('a damaged file is marked once it has stopped changing, and read again when it changes', async () => {
  const app = await openApp(sim.current)
  const [whole] = await makePhotos(join(app.dir, 'source'), 1, { width: 640, height: 480 })
  const bytes = readFileSync(whole!)
  const damaged = join(app.dir, 'damaged.jpg')
  writeFileSync(damaged, bytes.subarray(0, 100))
  await app.handlers.addPaths({ paths: [damaged] })
  await app.photos.settled()
  expect((await rows(app))['damaged.jpg']).toMatchObject({ facts: 'unreadable', reason: /cut short/ })

  // The user copies the whole file over it.
  writeFileSync(damaged, bytes)
  await expect.poll(async () => (await rows(app))['damaged.jpg']?.facts, { timeout: 15_000 }).toBe('ready')
  expect((await rows(app))['damaged.jpg']).toMatchObject({ width: 640 })
})
