import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, test } from 'vitest'
import type { CatalogSummary, EventPayload } from '../../src/shared/ipc/contract'
import { useTestApps } from '../helpers/main-app'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

test('a link arriving in a watched folder is followed only when it stays inside, as in an added folder; the rest is refused with the reason', async () => {
  const app = await openApp(sim.current)
  const hot = join(app.dir, 'hot')
  mkdirSync(join(hot, 'sub'), { recursive: true })
  const [secret] = await makePhotos(join(app.dir, 'private'), 1)
  const spare = await makePhotos(join(tempDir(), 'card'), 3)
  await app.handlers.watchFolder({ path: hot, autoRun: false, presetId: null })

  const refused = app.next('notice', (n: EventPayload<'notice'>) => n.message.includes('evil.jpg'))
  symlinkSync(secret!, join(hot, 'evil.jpg'))
  symlinkSync(join(app.dir, 'private'), join(hot, 'elsewhere'))
  copyFileSync(spare[0]!, join(hot, 'sub', 'real.jpg'))
  symlinkSync(join(hot, 'sub', 'real.jpg'), join(hot, 'alias.jpg'))
  expect((await refused).message).toMatch(/evil\.jpg.* a link that leads outside the watched folder/)

  // A photo saved later in the linked folder outside is not picked up through the link either.
  const fresh = app.next('catalog', (s: CatalogSummary) => s.total >= 2)
  copyFileSync(spare[1]!, join(app.dir, 'private', 'later.jpg'))
  copyFileSync(spare[2]!, join(hot, 'fresh.jpg'))
  await fresh
  await sleep(1500)
  const paths = app.catalog.listPhotos({ offset: 0, limit: 10 }).map((p) => p.path.slice(hot.length + 1))
  expect(paths.sort()).toEqual(['fresh.jpg', 'sub/real.jpg'])
  expect(app.catalog.photoByPath(secret!)).toBeUndefined()
})

test('a watched folder reached through a link of its own keeps its arrivals under the name the user chose', async () => {
  const app = await openApp(sim.current)
  mkdirSync(join(app.dir, 'disk', 'hot'), { recursive: true })
  symlinkSync(join(app.dir, 'disk', 'hot'), join(app.dir, 'hot'))
  const hot = join(app.dir, 'hot')
  const [photo] = await makePhotos(join(tempDir(), 'card'), 1)
  await app.handlers.watchFolder({ path: hot, autoRun: false, presetId: null })
  const arrived = app.next('catalog', (s: CatalogSummary) => s.total === 1)
  mkdirSync(join(hot, 'day-2'))
  copyFileSync(photo!, join(hot, 'day-2', 'new.jpg'))
  await arrived
  expect(app.catalog.photoByPath(join(hot, 'day-2', 'new.jpg'))).toMatchObject({ root: hot, folder: 'day-2' })
})
