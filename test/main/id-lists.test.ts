import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { RequestName } from '../../src/shared/ipc/channels'
import { dispatch } from '../../src/main/ipc/dispatch'
import { useTestApps, type TestApp } from '../helpers/main-app'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

/** `count` photos written straight into the catalog (their files need not exist for these requests). */
function addRows(app: TestApp, count: number): number[] {
  const root = join(app.dir, 'shoot')
  const rows = Array.from({ length: count }, (_, i) => ({ path: join(root, `p${i}.jpg`), root, folder: '', name: `p${i}.jpg`, size: 1, mtimeMs: 0 }))
  return app.catalog.transaction(() => app.catalog.addPhotos(rows)).map((r) => r.id)
}

/** How many times main's event loop got round to other work while `work` ran: 0 when it held it throughout. */
async function turnsGivenAway(work: () => Promise<unknown>): Promise<number> {
  let turns = 0
  let running = true
  const turn = (): void => {
    turns++
    if (running) setImmediate(turn)
  }
  setImmediate(turn)
  await work()
  running = false
  return turns
}

test('every id list the window sends is bounded at the contract: 100,001 ids are refused, naming the list', async () => {
  const app = await openApp(sim.current)
  const ids = Array.from({ length: 100_001 }, (_, i) => i + 1)
  const requests: [RequestName, unknown][] = [
    ['removePhotos', { ids }],
    ['overridesOf', { photoIds: ids }],
    ['editOverrides', { photoIds: ids, set: {} }],
    ['setReview', { photoIds: ids, rating: 1 }],
    ['checkStore', { marketplace: 'amazon', photoIds: ids }],
    ['estimateCost', { photoIds: ids }],
    ['startBatch', { photoIds: ids }],
    ['startExport', { options: { outDir: join(app.dir, 'out'), selection: { kind: 'photos', photoIds: ids } } }]
  ]
  for (const [name, input] of requests) {
    const answer = await dispatch(app.handlers, name, input, () => undefined)
    expect(answer, name).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('at most 100,000 photos at once') } })
  }
  const reset = await dispatch(app.handlers, 'editOverrides', { photoIds: [1], reset: Array.from({ length: 1001 }, (_, i) => `p${i}`) }, () => undefined)
  expect(reset).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
})

test('summarising or marking 100,000 photos is done in chunks: main answers other work in between, and the result is whole', async () => {
  const app = await openApp(sim.current)
  const ids = addRows(app, 30_000)
  app.catalog.transaction(() => ids.slice(0, 10_000).forEach((id, i) => app.catalog.setOverrides(id, { padding: i % 2 ? 0.1 : 0.2 })))
  const asked = [...ids, ...Array.from({ length: 70_000 }, (_, i) => 1_000_000 + i)]

  let summary: unknown
  expect(await turnsGivenAway(async () => (summary = await app.handlers.overridesOf({ photoIds: asked })))).toBeGreaterThan(1)
  expect(summary).toEqual({ padding: { count: 10_000, values: [0.2, 0.1] } })

  // Marks are checked for every photo before any is written: an unknown id refuses them all.
  await expect(app.handlers.setReview({ photoIds: asked, rating: 3 })).rejects.toThrow('That photo is no longer in the catalog.')
  expect(await turnsGivenAway(() => app.handlers.setReview({ photoIds: ids, rating: 3 }))).toBeGreaterThan(1)
  expect(app.catalog.reviews(ids.slice(-3)).get(ids.at(-1)!)).toMatchObject({ rating: 3 })

  // A removal stays one (so Undo puts it all back), bounded by the contract.
  await app.handlers.removePhotos({ ids: asked })
  expect(app.catalog.countPhotos()).toBe(0)
})
