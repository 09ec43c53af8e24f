import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { exportNamingSchema, type ExportNaming } from '../../src/shared/export/options'
import type { QueueState } from '../../src/shared/ipc/contract'
import { dispatch } from '../../src/main/ipc/dispatch'
import { confirmedRun } from '../helpers/confirm'
import { useTestApps } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const naming = (options: ExportNaming) => exportNamingSchema.parse(options)
const openApp = useTestApps()

test('the export dialog is shown the first file names the template gives, with each photo\'s SKU, by the export\'s own naming', async () => {
  const app = await openApp(sim.current, { typedPaths: false, shell: { pickPaths: async () => [], showInFolder: () => undefined } })
  const shoot = join(app.dir, 'shoot')
  await makePhotos(shoot, 7)
  await app.handlers.addDropped({ paths: [shoot] })
  await app.handlers.updateSettings({ outputFolder: join(shoot, 'results') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const ids = await app.handlers.photoIds({})
  const ended = app.next('queue', (q: QueueState) => q.state === 'idle')
  await confirmedRun(app.handlers, { photoIds: ids.slice(0, 6) })
  await ended
  const csv = join(shoot, 'skus.csv')
  writeFileSync(csv, 'file,sku\nphoto-01.jpg,MUG-RED\nphoto-02,MUG-BLUE\nphoto-04.jpg,CUP/3\nphoto-05.jpg,BOWL-1\nphoto-06.jpg,BOWL-2\n')

  const preview = await app.handlers.previewExportNames({ options: naming({ selection: { kind: 'done' }, template: '{sku}_{n}', sku: { csv }, format: 'png' }), limit: 5 })
  // Photo 3 has no SKU: it is not exported, so the numbering goes on without it; 5 photos are named in
  // all; a SKU with a slash still makes one safe name.
  expect(preview).toEqual({
    total: 5,
    names: [
      { photoId: ids[0], photo: 'photo-01.jpg', sku: 'MUG-RED', name: 'MUG-RED_001.png' },
      { photoId: ids[1], photo: 'photo-02.jpg', sku: 'MUG-BLUE', name: 'MUG-BLUE_002.png' },
      { photoId: ids[2], photo: 'photo-03.jpg', sku: null, name: null, problem: 'no SKU for photo-03.jpg' },
      { photoId: ids[3], photo: 'photo-04.jpg', sku: 'CUP/3', name: 'CUP_3_003.png' },
      { photoId: ids[4], photo: 'photo-05.jpg', sku: 'BOWL-1', name: 'BOWL-1_004.png' }
    ]
  })

  // A pattern on the file name: its first group is the SKU.
  const pattern = await app.handlers.previewExportNames({ options: naming({ selection: { kind: 'done' }, template: '{sku}', sku: { pattern: 'photo-(\\d+)' } }), limit: 2 })
  expect(pattern.names.map((n) => [n.sku, n.name])).toEqual([
    ['01', '01.jpg'],
    ['02', '02.jpg']
  ])
  // What cannot be used is said once, for the whole preview.
  expect(await app.handlers.previewExportNames({ options: naming({ template: '{sku}', sku: { pattern: '(a)\\1' } }), limit: 5 })).toMatchObject({ names: [], problem: expect.stringMatching(/not a valid regular expression/) })
  expect(await app.handlers.previewExportNames({ options: naming({ template: '{sku}' }), limit: 5 })).toMatchObject({ problem: expect.stringMatching(/uses \{sku\}/) })
  // A SKU file main was not given is refused, as an export's is.
  expect(await dispatch(app.handlers, 'previewExportNames', { options: { template: '{sku}', sku: { csv: join(app.dir, 'elsewhere.csv') } } })).toMatchObject({ ok: false, error: { message: /Choose the SKU file/ } })
})
