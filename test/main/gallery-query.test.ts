import { mkdirSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { expect, test } from 'vitest'
import { useTestApps, type TestApp } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

async function catalog(): Promise<TestApp> {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot', 'b-day'), 3)
  await makePhotos(join(app.dir, 'shoot', 'a-day'), 2, { format: 'png' })
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  return app
}

const names = async (a: TestApp, query: Parameters<TestApp['handlers']['listPhotos']>[0]['query']): Promise<string[]> =>
  (await a.handlers.listPhotos({ offset: 0, limit: 100, query })).rows.map((r) => `${r.folder}/${r.name}`)

test('the gallery is sorted and filtered by main, and each range carries the filtered total', async () => {
  const a = await catalog()
  expect(await names(a, { sort: 'folder' })).toEqual(['a-day/photo-01.png', 'a-day/photo-02.png', 'b-day/photo-01.jpg', 'b-day/photo-02.jpg', 'b-day/photo-03.jpg'])
  expect(await names(a, { sort: 'name', descending: true })).toEqual(['b-day/photo-03.jpg', 'a-day/photo-02.png', 'b-day/photo-02.jpg', 'a-day/photo-01.png', 'b-day/photo-01.jpg'])
  expect(await names(a, { folder: 'a-day' })).toEqual(['a-day/photo-01.png', 'a-day/photo-02.png'])
  expect(await names(a, { text: '03' })).toEqual(['b-day/photo-03.jpg'])
  // Wildcards typed by the user are literal.
  expect(await names(a, { text: '%' })).toEqual([])

  const page = await a.handlers.listPhotos({ offset: 1, limit: 1, query: { folder: 'b-day' } })
  expect(page.total).toBe(3)
  expect(page.rows.map((r) => r.name)).toEqual(['photo-02.jpg'])
})

test('overrides, flags and state filter in SQL; the ids of a query come in its order for select all and ranges', async () => {
  const a = await catalog()
  const ids = await a.handlers.photoIds({ query: { sort: 'folder' } })
  expect(ids).toHaveLength(5)
  await a.handlers.setPreset({ operationId: 'photoroom.edit', values: { padding: 0.1 } })
  await a.handlers.editOverrides({ photoIds: [ids[0]!, ids[3]!], set: { padding: 0.2 }, reset: [] })
  a.catalog.setReview(ids[4]!, { flag: 'pick' })
  expect(await a.handlers.photoIds({ query: { overridden: true } })).toEqual([ids[0], ids[3]])
  expect(await a.handlers.photoIds({ query: { overridden: false } })).toEqual([ids[1], ids[2], ids[4]])
  expect(await a.handlers.photoIds({ query: { flag: 'pick' } })).toEqual([ids[4]])
  expect(await a.handlers.photoIds({ query: { state: 'not-run' } })).toEqual(ids)
  expect(await a.handlers.photoIds({ query: { state: 'done' } })).toEqual([])
})

test('one edit applies to many photos, a reset removes only that parameter, and an invalid value changes nothing', async () => {
  const a = await catalog()
  const ids = await a.handlers.photoIds({})
  await a.handlers.setPreset({ operationId: 'photoroom.edit', values: { padding: 0.1 } })
  const three = ids.slice(0, 3)
  await a.handlers.editOverrides({ photoIds: three, set: { padding: 0.2, 'background.color': 'FF0000' }, reset: [] })
  await a.handlers.editOverrides({ photoIds: [three[0]!], set: {}, reset: ['padding'] })
  const rows = a.photos.rows(three)
  expect(rows.map((r) => r.overrides)).toEqual([{ 'background.color': 'FF0000' }, { padding: 0.2, 'background.color': 'FF0000' }, { padding: 0.2, 'background.color': 'FF0000' }])

  const refused = a.handlers.editOverrides({ photoIds: three, set: { 'outline.width': 5 }, reset: [] })
  await expect(refused).rejects.toMatchObject({ problems: [expect.objectContaining({ param: 'outline.width' })] })
  expect(a.photos.rows(three).map((r) => r.overrides['outline.width'])).toEqual([undefined, undefined, undefined])
})

test('dropped paths are walked like picked ones: junk comes back as not added, with reasons', async () => {
  const app = await openApp(sim.current, { typedPaths: false })
  await makePhotos(join(app.dir, 'drop'), 2)
  const { added, skipped } = await app.handlers.addDropped({ paths: [join(app.dir, 'drop'), join(app.dir, 'gone.jpg')] })
  expect(added).toBe(2)
  expect(skipped).toEqual([{ path: join(app.dir, 'gone.jpg'), reason: 'not found' }])
  // Typed paths stay refused in the app, drops or not.
  await expect(app.handlers.addPaths({ paths: [join(app.dir, 'drop')] })).rejects.toThrow(/Add photos/)
})

test('a selection says per parameter how many photos override it and whether their values differ', async () => {
  const a = await catalog()
  const ids = await a.handlers.photoIds({})
  await a.handlers.setPreset({ operationId: 'photoroom.edit', values: {} })
  await a.handlers.editOverrides({ photoIds: [ids[0]!, ids[1]!], set: { padding: 0.2 }, reset: [] })
  await a.handlers.editOverrides({ photoIds: [ids[1]!], set: { padding: 0.3, 'background.color': 'FFFFFF' }, reset: [] })
  expect(await a.handlers.overridesOf({ photoIds: ids.slice(0, 3) })).toEqual({ padding: { count: 2, values: [0.2, 0.3] }, 'background.color': { count: 1, values: ['FFFFFF'] } })
})

test('"needs a look" puts the highest uncertainty scores first and photos without a score last', async () => {
  const a = await catalog()
  const ids = Object.fromEntries((await a.handlers.listPhotos({ offset: 0, limit: 10 })).rows.map((r) => [`${r.folder}/${r.name}`, r.id]))
  const result = (photo: string, uncertaintyScore: number): void =>
    void a.catalog.addResult({
      photoId: ids[photo]!,
      jobKey: photo,
      provider: 'photoroom',
      operation: 'remove-background',
      params: {},
      cost: { amount: 1, unit: 'credits' },
      sandbox: false,
      facts: { uncertaintyScore },
      outputs: [{ path: '/nowhere.png', format: 'png' }]
    })
  result('b-day/photo-01.jpg', 0.2)
  result('a-day/photo-02.png', 0.9)
  result('b-day/photo-03.jpg', -1)
  expect((await names(a, { sort: 'needs-a-look' })).slice(0, 3)).toEqual(['a-day/photo-02.png', 'b-day/photo-01.jpg', 'b-day/photo-03.jpg'])
})

test('"Date" sorts by when each photo was taken (EXIF), a photo that does not say by its file date', async () => {
  const a = await openApp(sim.current)
  const dir = join(a.dir, 'wedding')
  mkdirSync(dir)
  const shoot = (name: string, taken?: string): Promise<unknown> =>
    sharp({ create: { width: 60, height: 40, channels: 3, background: '#777777' } })
      .withExif(taken ? { IFD2: { DateTimeOriginal: taken } } : {})
      .jpeg()
      .toFile(join(dir, name))
  // Written a, b, c: the file dates run the other way from the capture dates.
  await shoot('a.jpg', '2024:06:01 12:00:00')
  await shoot('b.jpg', '2024:06:01 09:00:00')
  await shoot('c.jpg')
  const between = new Date(2024, 5, 1, 10, 30)
  utimesSync(join(dir, 'c.jpg'), between, between)
  await a.handlers.addPaths({ paths: [dir] })
  await a.photos.settled()
  expect(await names(a, { sort: 'date' })).toEqual(['/b.jpg', '/c.jpg', '/a.jpg'])
  expect(await names(a, { sort: 'date', descending: true })).toEqual(['/a.jpg', '/c.jpg', '/b.jpg'])
})

test('the name filter matches the photos\' names, not the folders they are in', async () => {
  const a = await catalog()
  expect(await names(a, { text: 'day' })).toEqual([])
  expect(await names(a, { text: 'PHOTO-02' })).toEqual(['a-day/photo-02.png', 'b-day/photo-02.jpg'])
})
