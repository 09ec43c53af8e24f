import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { Balance } from '../../src/shared/account'
import type { QueueState } from '../../src/shared/ipc/contract'
import { useTestApps, type TestApp } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const SECOND = { live: 'sk_pr_second_7d21c0a9e4', label: 'photoroom-second' }
const sim = useSimulator({
  ...NO_LIMITS,
  accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'photoroom-demo', balance: 1000, plan: 'pro', subscription: 1000 }, { key: SECOND.live, label: SECOND.label, balance: 1000, plan: 'basic' }] }
})
const openApp = useTestApps()
/** The simulator's own default. */
const NO_LATENCY = 0
const edits = (): number => sim.current.requests('photoroom').filter((r) => r.path === '/v2/edit').length

async function proofing(photos: number, live: string): Promise<{ app: TestApp; ids: number[] }> {
  const app = await openApp(sim.current)
  await makePhotos(join(app.dir, 'shoot'), photos)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  await app.handlers.updateSettings({ outputFolder: join(app.dir, 'out') })
  await app.handlers.setKey({ provider: 'photoroom', key: live })
  await app.handlers.setKey({ provider: 'photoroom', key: `sandbox_${live}` })
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: {} })
  return { app, ids: await app.handlers.photoIds({}) }
}

const monthLine = (app: TestApp): Balance | undefined =>
  app.events.filter((e) => e.event === 'balance').map((e) => e.payload as Balance).filter((b) => b.source === 'sandbox-month').at(-1)

test("the sandbox month counts the proofs made here; a proof run that would go over the 1,000 is refused before anything is sent", async () => {
  const { app, ids } = await proofing(3, DEMO_KEYS.photoroom)
  // 998 proofs already made this month (here, in earlier sessions).
  app.catalog.transaction(() => {
    for (let i = 0; i < 998; i++)
      app.catalog.addResult({ photoId: ids[0]!, jobKey: null, provider: 'photoroom', operation: 'edit', params: {}, cost: { amount: 0, unit: 'images' }, sandbox: true, facts: {}, outputs: [] })
  })
  sim.current.resetStats()
  await expect(app.handlers.startBatch({ mode: 'proof' })).rejects.toThrow('only 2 of its 1,000 free proofs are left this month (998 used)')
  expect(edits()).toBe(0)

  const idle = app.next('queue', (q: QueueState) => q.state === 'idle')
  await app.handlers.startBatch({ mode: 'proof', photoIds: ids.slice(0, 2) })
  expect(await idle).toMatchObject({ counts: { done: 2 } })
  expect(edits()).toBe(2)
  await expect.poll(() => monthLine(app)).toEqual({ provider: 'photoroom', unit: 'proofs', source: 'sandbox-month', used: 1000, limit: 1000 })
  await expect(app.handlers.startBatch({ mode: 'proof', photoIds: ids.slice(2) })).rejects.toThrow('only 0 of its 1,000')
  expect(edits()).toBe(2)
  // The live account's line keeps its own figures and plan: the sandbox reading went to the month line only.
  const live = (await app.handlers.getState()).balances.find((b) => b.unit === 'images')
  expect(live).toMatchObject({ source: 'provider', available: 200, plan: 'pro', subscription: 200 })
})

test('proofs made elsewhere with the same sandbox key count too: the account endpoint corrects the count', async () => {
  const { app, ids } = await proofing(3, SECOND.live)
  sim.current.useSandboxMonth(SECOND.label, 998)
  sim.current.resetStats()
  await expect(app.handlers.startBatch({ mode: 'proof' })).rejects.toThrow('only 2 of its 1,000 free proofs are left this month (998 used)')
  expect(edits()).toBe(0)
  expect(monthLine(app)).toMatchObject({ used: 998, limit: 1000 })
  const idle = app.next('queue', (q: QueueState) => q.state === 'idle')
  await app.handlers.startBatch({ mode: 'proof', photoIds: [ids[0]!] })
  expect(await idle).toMatchObject({ counts: { done: 1 } })
})

test('two proof runs at once cannot go over the month together: the photos of a run under way count before their proofs are made', async () => {
  const { app, ids } = await proofing(3, DEMO_KEYS.photoroom)
  app.catalog.transaction(() => {
    for (let i = 0; i < 998; i++)
      app.catalog.addResult({ photoId: ids[0]!, jobKey: null, provider: 'photoroom', operation: 'edit', params: {}, cost: { amount: 0, unit: 'images' }, sandbox: true, facts: {}, outputs: [] })
  })
  sim.current.updateProfile('photoroom', { latencyMs: 1_500 })
  try {
    const idle = app.next('queue', (q: QueueState) => q.state === 'idle')
    await app.handlers.startBatch({ mode: 'proof', photoIds: ids.slice(0, 2) })
    // 998 made and 2 on their way: the month is full before either answer arrives.
    await expect(app.handlers.startBatch({ mode: 'proof', photoIds: ids.slice(2) })).rejects.toThrow('only 0 of its 1,000 free proofs are left this month (1,000 used)')
    expect(await idle).toMatchObject({ counts: { done: 2 } })
  } finally {
    sim.current.updateProfile('photoroom', { latencyMs: NO_LATENCY })
  }
  expect(app.catalog.proofsSince('photoroom', 0)).toBe(1000)
})
