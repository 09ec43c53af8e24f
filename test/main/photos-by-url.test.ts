import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { expect, test } from 'vitest'
import { resolveExportOptions } from '../../src/main/export'
import type { ExportProgress, QueueState } from '../../src/shared/ipc/contract'
import { confirmedRun } from '../helpers/confirm'
import { useTestApps } from '../helpers/main-app'
import { usePhotoServer } from '../helpers/use-photo-server'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const shop = usePhotoServer()
const openApp = useTestApps()

test("photos added from a product CSV of web addresses run by address and export under their product handles", async () => {
  const picked: Record<string, string> = {}
  const app = await openApp(sim.current, { typedPaths: false, allowLoopbackUrls: true, shell: { pickPaths: async (purpose) => (picked[purpose] ? [picked[purpose]] : []) } })
  const [a, b, c] = await makePhotos(join(app.dir, 'src'), 3)
  const urls = [shop.current.put('/p/mug-1.jpg', a!, '"1"'), shop.current.put('/p/mug-2.jpg', b!, '"2"'), shop.current.put('/p/cap.jpg', c!, '"3"')]
  picked['product-csv'] = join(app.dir, 'products.csv')
  writeFileSync(picked['product-csv'], ['Handle,Title,Image Src,Image Position', `red-mug,Red Mug,${urls[0]},1`, `red-mug,,${urls[1]},2`, `blue-cap,Blue Cap,${urls[2]},1`].join('\n'))
  picked['output-folder'] = join(app.dir, 'out')
  picked['export-folder'] = join(app.dir, 'store')

  // The window names the CSV only after main's picker gave it.
  await expect(app.handlers.addFromList({ path: picked['product-csv'] })).rejects.toThrow('Choose the product CSV')
  const csv = (await app.handlers.choosePath({ purpose: 'product-csv' }))!
  expect(await app.handlers.addFromList({ path: csv })).toEqual({ added: 3, skipped: [] })
  await app.photos.settled()
  const rows = (await app.handlers.listPhotos({ offset: 0, limit: 10 })).rows
  expect(rows.map((r) => r.name).sort()).toEqual(['blue-cap.jpg', 'red-mug-2.jpg', 'red-mug.jpg'])
  expect(rows.every((r) => r.width === 320)).toBe(true)
  // One folder in the tree for them all, named for what they are.
  expect(app.photos.summary().folders.map((f) => [basename(f.root), f.folder, f.count])).toEqual([['Photos from the web', '', 3]])

  await app.handlers.updateSettings({ outputFolder: (await app.handlers.choosePath({ purpose: 'output-folder' }))! })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.color': 'FFFFFF' } })
  sim.current.resetStats()
  const idle = app.next('queue', (q: QueueState) => q.state === 'idle')
  await confirmedRun(app.handlers, {})
  expect(await idle).toMatchObject({ counts: { done: 3 } })
  const edits = sim.current.requests('photoroom').filter((r) => r.path === '/v2/edit')
  expect(edits.map((r) => [r.method, r.fields.find(([n]) => n === 'imageUrl')?.[1], r.files.length]).sort()).toEqual([...urls].sort().map((u) => ['GET', u, 0]))

  const outDir = (await app.handlers.choosePath({ purpose: 'export-folder' }))!
  const done = app.next('export', (e: ExportProgress) => e.state === 'done')
  await app.handlers.startExport({ options: resolveExportOptions({ outDir, selection: { kind: 'done' }, format: 'jpeg', shopify: {} }) })
  expect(await done).toMatchObject({ written: 3, failed: 0 })
  const shopify = readFileSync(join(outDir, 'shopify-products.csv'), 'utf8').trim().split(/\r?\n/)
  expect(shopify.slice(1).map((line) => line.split(',').slice(0, 3).join(',')).sort()).toEqual(['blue-cap,blue-cap.jpg,1', 'red-mug,red-mug-2.jpg,2', 'red-mug,red-mug.jpg,1'])

  // The shop names a new version of the cap's photo (a new ETag, here with the same bytes): run again, only it is bought again.
  shop.current.put('/p/cap.jpg', c!, '"3b"')
  sim.current.resetStats()
  const again = app.next('queue', (q: QueueState) => q.state === 'idle')
  await confirmedRun(app.handlers, {})
  expect(await again).toMatchObject({ counts: { done: 1, reused: 2 } })
  expect(sim.current.requests('photoroom').map((r) => r.fields.find(([n]) => n === 'imageUrl')?.[1])).toEqual([urls[2]])
})

test('a product CSV naming this machine is refused in the app; an address the user typed is not, and keeps its address through remove and undo', async () => {
  const app = await openApp(sim.current)
  const [photo] = await makePhotos(join(app.dir, 'src'), 1)
  const url = shop.current.put('/p/local.jpg', photo!, '"l"')
  const list = join(app.dir, 'list.txt')
  writeFileSync(list, `# from the web\n${url}\nhttp://169.254.169.254/latest/meta-data\n`)
  shop.current.log.length = 0
  const refused = await app.handlers.addFromList({ path: list })
  expect(refused.added).toBe(0)
  expect(refused.skipped.map((s) => s.reason)).toEqual([expect.stringContaining('is a private or local address'), expect.stringContaining('is a private or local address')])
  expect(shop.current.log).toEqual([])
  expect(await app.handlers.addUrls({ urls: [url] })).toEqual({ added: 1, skipped: [] })
  // Removed and put back, it is still a photo by address.
  const [id] = app.catalog.photoIds()
  await app.handlers.removePhotos({ ids: [id!] })
  expect(app.catalog.photoSources([id!]).size).toBe(0)
  await app.handlers.undoRemove()
  expect(app.catalog.photoSources([id!]).get(id!)).toEqual({ url, version: 'etag "l"' })
})
