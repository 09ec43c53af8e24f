import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { EventPayload } from '../../src/shared/ipc/contract'
import { dispatch } from '../../src/main/ipc/dispatch'
import { useTestApps } from '../helpers/main-app'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

async function shoot(dir: string): Promise<string> {
  await makePhotos(join(dir, 'shoot'), 2, { width: 300, height: 200 })
  await makePhotos(join(dir, 'shoot', 'day-2'), 1, { format: 'png' })
  writeFileSync(join(dir, 'shoot', '.DS_Store'), 'junk')
  writeFileSync(join(dir, 'shoot', 'notes.txt'), 'not a photo')
  writeFileSync(join(dir, 'shoot', 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
  symlinkSync(join(dir, 'shoot'), join(dir, 'shoot', 'day-2', 'loop'))
  return join(dir, 'shoot')
}

test('a folder is listed at once with its folder tree; formats and sizes fill in afterwards; what cannot be a photo says why', async () => {
  const app = await openApp(sim.current)
  const folder = await shoot(app.dir)
  const { added, skipped } = await app.handlers.addPaths({ paths: [folder] })
  const reasons = Object.fromEntries(skipped.map((s) => [s.path.slice(folder.length + 1), s.reason]))
  expect(reasons).toMatchObject({ '.DS_Store': /system file/, 'notes.txt': 'not a photo', 'day-2/loop': /loops back/ })

  // Listed straight away, before anything was decoded.
  const listed = await app.handlers.listPhotos({ offset: 0, limit: 10 })
  expect(listed.total).toBe(added)
  expect(listed.rows.map((r) => [r.folder, r.name])).toEqual([
    ['', 'broken.jpg'],
    ['', 'photo-01.jpg'],
    ['', 'photo-02.jpg'],
    ['day-2', 'photo-01.png']
  ])
  const summary = app.photos.summary()
  expect(summary.folders).toEqual([
    { root: folder, folder: '', count: 3 },
    { root: folder, folder: 'day-2', count: 1 }
  ])

  await app.photos.settled()
  const rows = Object.fromEntries((await app.handlers.listPhotos({ offset: 0, limit: 10 })).rows.map((r) => [r.name, r]))
  expect(rows['photo-01.jpg']).toMatchObject({ facts: 'ready', format: 'jpeg', width: 300, height: 200 })
  expect(rows['photo-01.png']).toMatchObject({ facts: 'ready', format: 'png', width: 320, height: 240 })
  expect(rows['broken.jpg']).toMatchObject({ facts: 'unreadable', reason: /cut short/ })
  expect(app.photos.summary().pending).toBe(0)
  // The window heard about each row as its facts arrived, by id, never the whole list at once.
  const changed = app.events.filter((e) => e.event === 'photos').flatMap((e) => (e.payload as EventPayload<'photos'>).changed.map((r) => r.id))
  expect(new Set(changed).size).toBe(4)

  // Adding the same folder again adds nothing twice.
  expect((await app.handlers.addPaths({ paths: [folder] })).added).toBe(0)
})

test('one photo’s override is one small event; a wrong value is refused naming the parameter; all survive a restart', async () => {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), 3)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.photos.settled()
  const [first, second] = (await app.handlers.listPhotos({ offset: 0, limit: 3 })).rows
  await app.handlers.setPreset({ operationId: 'photoroom.remove-background', values: { format: 'webp' } })

  const before = app.events.length
  // bg_color keeps the # its document shows ("a hex code (`#FF00FF`)").
  await app.handlers.setOverrides({ photoId: second!.id, values: { bg_color: '#FF0000' } })
  const change = await app.next('photos')
  expect(change).toEqual({ changed: [expect.objectContaining({ id: second!.id, overrides: { bg_color: '#FF0000' } })], removed: [] })
  expect(app.events.slice(before).filter((e) => e.event === 'photos')).toHaveLength(1)
  expect(JSON.stringify(change).length).toBeLessThanOrEqual(1024)

  // Refused with the parameter named, so the inspector can mark that field.
  const refused = await dispatch(app.handlers, 'setOverrides', { photoId: second!.id, values: { format: 'tiff' } })
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', problems: [{ param: 'format', message: expect.stringMatching(/png|jpg|webp/) }] } })
  await expect(app.handlers.setPreset({ operationId: 'photoroom.teleport', values: {} })).rejects.toThrow(/Unknown operation "photoroom.teleport"/)
  await app.handlers.removePhotos({ ids: [first!.id] })
  await app.close()

  const reopened = await openApp(sim.current, { dir: app.dir })
  const state = await reopened.handlers.getState()
  expect(state.summary.total).toBe(2)
  expect(state.preset).toEqual({ operationId: 'photoroom.remove-background', values: { format: 'webp' } })
  expect(state.firstRows.find((r) => r.id === second!.id)?.overrides).toEqual({ bg_color: '#FF0000' })
  expect(reopened.photos.effective([second!.id])[0]!.values).toEqual({ format: 'webp', bg_color: '#FF0000' })
})

test('the first state holds the first screen and the counts; the rest is fetched by range', async () => {
  const app = await openApp(sim.current)
  const folder = join(app.dir, 'many')
  mkdirSync(folder)
  const [photo] = await makePhotos(join(app.dir, 'one'), 1)
  const bytes = readFileSync(photo!)
  for (let i = 0; i < 450; i++) writeFileSync(join(folder, `p${String(i).padStart(4, '0')}.jpg`), bytes)
  await app.handlers.addPaths({ paths: [folder] })
  const state = await app.handlers.getState()
  expect(state.summary.total).toBe(450)
  expect(state.firstRows).toHaveLength(200)
  const last = await app.handlers.listPhotos({ offset: 400, limit: 200 })
  expect(last.rows.map((r) => r.name)).toEqual(Array.from({ length: 50 }, (_, i) => `p${String(400 + i).padStart(4, '0')}.jpg`))
})

test('on first start the old session.json comes into the catalog, and the window is told', async () => {
  const dir = tempDir('proofsheet-main-')
  const [photo] = await makePhotos(join(dir, 'shoot'), 1)
  mkdirSync(join(dir, 'data'), { recursive: true })
  const image = { id: 'a1', name: 'photo-01.jpg', path: photo!, bytes: statSync(photo!).size, width: 320, height: 240, format: 'jpeg', overrides: { format: 'webp' } }
  const session = { version: 1, preset: { operationId: 'photoroom.remove-background', values: {} }, images: [image], jobs: [{ imageId: 'a1', state: 'done', attempts: 1, outputs: 1, outputPaths: [join(dir, 'out.webp')] }] }
  writeFileSync(join(dir, 'data', 'session.json'), JSON.stringify(session))

  const app = await openApp(sim.current, { dir })
  const state = await app.handlers.getState()
  expect(state.firstRows).toEqual([expect.objectContaining({ name: 'photo-01.jpg', overrides: { format: 'webp' }, results: 1, facts: 'ready' })])
  // In the first state too: in the app, this happens before the window is there to hear the event.
  expect(state.startNotices).toEqual([{ level: 'info', message: 'Your earlier session (1 photos, 1 results) was moved into the new catalog.' }])
  expect(existsSync(join(dir, 'data', 'session.json.imported'))).toBe(true)
})

test('photos removed while their facts are being read leave the reading going for the others', async () => {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), 12)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  const { rows } = await app.handlers.listPhotos({ offset: 0, limit: 12 })
  await app.handlers.removePhotos({ ids: rows.slice(0, 6).map((r) => r.id) })
  await app.photos.settled()
  const left = (await app.handlers.listPhotos({ offset: 0, limit: 12 })).rows
  expect(left.map((r) => r.facts)).toEqual(Array(6).fill('ready'))
  expect(app.photos.summary()).toMatchObject({ total: 6, pending: 0 })
})
