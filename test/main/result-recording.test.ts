import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { confirmedRun } from '../helpers/confirm'
import { useTestApps } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

/** The catalog refusing new results, as a full disk or a damaged file would: a trigger set from another connection. */
function refuseResults(dataDir: string, refuse: boolean): void {
  const db = new Database(join(dataDir, 'catalog.sqlite'))
  try {
    db.exec(refuse ? `CREATE TRIGGER refuse_results BEFORE INSERT ON results BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END` : 'DROP TRIGGER refuse_results')
  } finally {
    db.close()
  }
}

// Issue 19 item 16: 8 photos paid and shown as done, no results recorded, no notice.
test('a catalog that cannot record paid results says so and records them once it can; nothing is bought again', async () => {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), 8)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const ids = await app.handlers.photoIds({})
  sim.current.resetStats()
  refuseResults(join(app.dir, 'data'), true)

  const told = app.next('notice', (n) => /could not record/.test(n.message))
  const idle = app.next('queue', (q) => q.state === 'idle')
  await confirmedRun(app.handlers, {})
  expect(await idle).toMatchObject({ counts: { done: 8 } })
  const notice = await told
  expect(notice).toMatchObject({ level: 'error' })
  expect(notice.message).toMatch(/database or disk is full/)
  expect(ids.map((id) => app.catalog.results(id).length)).toEqual(ids.map(() => 0))

  // The catalog takes writes again: the results are recorded without another run, and nothing is bought again.
  refuseResults(join(app.dir, 'data'), false)
  await expect.poll(() => ids.filter((id) => app.catalog.results(id).length === 1).length, { timeout: 20_000 }).toBe(8)
  expect(sim.current.stats().providers.photoroom.charged).toBe(8)
})

test('results a stopped app could not record are recorded at the next start', async () => {
  const first = await openApp(sim.current)
  await makePhotos(join(first.dir, 'shoot'), 3)
  await first.handlers.addPaths({ paths: [join(first.dir, 'shoot')] })
  await first.handlers.updateSettings({ outputFolder: join(first.dir, 'out') })
  await first.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const ids = await first.handlers.photoIds({})
  refuseResults(join(first.dir, 'data'), true)
  const idle = first.next('queue', (q) => q.state === 'idle')
  await confirmedRun(first.handlers, {})
  await idle
  await first.close()
  refuseResults(join(first.dir, 'data'), false)

  const again = await openApp(sim.current, { dir: first.dir })
  expect(ids.map((id) => again.catalog.results(id).length)).toEqual([1, 1, 1])
})
