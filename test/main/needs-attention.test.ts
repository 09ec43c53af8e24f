import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { PAGE_SIZE } from '../../src/shared/ipc/channels'
import { confirmedRun } from '../helpers/confirm'
import { productPhoto } from '../helpers/images'
import { useTestApps } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'
import { cr2Like } from '../helpers/tiff-raw'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

test('a photo skipped in a run is still under Needs attention after a restart, wherever it sorts in the catalog', async () => {
  const app = await openApp(sim.current)
  const shoot = join(app.dir, 'shoot')
  mkdirSync(shoot)
  const [photo] = await makePhotos(join(app.dir, 'one'), 1)
  for (let i = 0; i < PAGE_SIZE + 5; i++) copyFileSync(photo!, join(shoot, `a-${String(i).padStart(3, '0')}.jpg`))
  // A RAW with only a small preview and no JPEG beside it: no provider takes it, so it is skipped. It sorts last.
  writeFileSync(join(shoot, 'z-raw.CR2'), cr2Like(await productPhoto({ width: 400, height: 300 }), await productPhoto({ width: 160, height: 120 })))
  await app.handlers.addPaths({ paths: [shoot] })
  await app.photos.settled()
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  const ids = await app.handlers.photoIds({})
  const raw = ids[ids.length - 1]!
  const idle = app.next('queue', (q) => q.state === 'idle')
  await confirmedRun(app.handlers, { photoIds: [raw] })
  expect(await idle).toMatchObject({ counts: { skipped: 1 } })

  const reopened = await openApp(sim.current, { dir: app.dir })
  const state = await reopened.handlers.getState()
  expect(state.firstRows.map((r) => r.id)).not.toContain(raw)
  expect(state.jobs.find((j) => j.ref === String(raw))).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/RAW file/) })
})
