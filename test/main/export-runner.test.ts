import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { ExportProgress } from '../../src/shared/ipc/contract'
import { resolveExportOptions } from '../../src/main/export'
import { dispatch } from '../../src/main/ipc/dispatch'
import { useTestApps, runEnded, type TestApp } from '../helpers/main-app'
import { confirmedRun } from '../helpers/confirm'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

/** `n` photos added and run through Photoroom's background removal: each has a result to export. */
async function withResults(a: TestApp, n: number): Promise<void> {
  await makePhotos(join(a.dir, 'shoot'), n)
  await a.handlers.addPaths({ paths: [join(a.dir, 'shoot')] })
  await a.handlers.updateSettings({ outputFolder: join(a.dir, 'results') })
  await a.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const idle = a.next('queue', runEnded)
  await confirmedRun(a.handlers, {})
  await idle
}

test('the approved photos are exported from the window as a background job with progress; again, nothing is rewritten; bad options name themselves', async () => {
  const a = await openApp(sim.current)
  await withResults(a, 3)
  const [first, , third] = (await a.handlers.listPhotos({ offset: 0, limit: 3 })).rows
  await a.handlers.setReview({ photoIds: [first!.id, third!.id], flag: 'pick', rating: 5 })

  const outDir = join(a.dir, 'store')
  const done = a.next('export', (e: ExportProgress) => e.state === 'done')
  const options = resolveExportOptions({ outDir, template: '{n}-{name}', format: 'jpeg' })
  expect(await a.handlers.startExport({ options })).toEqual({ total: 2 })
  expect(await done).toMatchObject({ state: 'done', total: 2, written: 2, unchanged: 0, failed: 0, outDir })
  expect(readdirSync(outDir).sort()).toEqual(['.proofsheet-export.jsonl', '001-photo-01.jpg', '001-photo-01.jpg.xmp', '002-photo-03.jpg', '002-photo-03.jpg.xmp', 'manifest.csv', 'manifest.json'])

  const again = a.next('export', (e: ExportProgress) => e.state === 'done')
  await a.handlers.startExport({ options })
  expect(await again).toMatchObject({ written: 0, unchanged: 2 })

  // Checked at the boundary, before any handler runs.
  expect(await dispatch(a.handlers, 'startExport', { options: { outDir, template: '{nme}' } })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/template/) } })

  // The store check is kept with each photo's row, for the gallery's badge and filter.
  expect(await a.handlers.checkStore({ marketplace: 'amazon' })).toEqual({ checked: 3, failed: 3 })
  await a.photos.settled()
  const [checked] = (await a.handlers.listPhotos({ offset: 0, limit: 1 })).rows
  expect(checked!.storeCheck).toMatchObject({ rule: 'Amazon', passed: false, reasons: expect.arrayContaining([expect.stringMatching(/1,000 px/)]) })
  // A filter in the gallery: the photos that fail it.
  expect((await a.handlers.listPhotos({ offset: 0, limit: 10, query: { store: 'fails' } })).total).toBe(3)
  expect((await a.handlers.listPhotos({ offset: 0, limit: 10, query: { store: 'passes' } })).total).toBe(0)
  expect(existsSync(join(outDir, '{nme}.jpg'))).toBe(false)
})

test('an export says where its files went, and Show folder opens that folder (main knows which; nothing before an export)', async () => {
  const shown: string[] = []
  const a = await openApp(sim.current, { shell: { pickPaths: async () => [], showInFolder: (path) => void shown.push(path) } })
  await withResults(a, 1)
  await a.handlers.showExportFolder(undefined)
  expect(shown).toEqual([])

  const outDir = join(a.dir, 'store')
  const done = a.next('export', (e: ExportProgress) => e.state === 'done')
  await a.handlers.startExport({ options: resolveExportOptions({ outDir, selection: { kind: 'done' }, template: '{name}', format: 'jpeg' }) })
  expect((await done).message).toBe(`1 written, 0 already up to date, 0 failed, in ${outDir}.`)
  await a.handlers.showExportFolder(undefined)
  expect(shown).toEqual([outDir])
})
