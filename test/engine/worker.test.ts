import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findOperation, inputsFromPaths, MemoryWorkStore, planItems, PROVIDERS, Worker, type WorkItem } from '../../src/engine'
import { FINAL_STATES } from '../../src/shared/jobs'
import { makePhotos, tempDir } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, withSimulator } from '../helpers/simulator'

describe('one worker per process', () => {
  it('6 photos with 6 different overrides: one account check and one HTTP pool for the provider, all in one pass', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 6)
      const operation = findOperation('photoroom', 'edit')!
      const store = new MemoryWorkStore()
      const worker = new Worker({ store, stateDir: join(work, 'state'), urls: sim.urls, keyFor: async () => DEMO_KEYS.photoroom, limits: (p) => PROVIDERS.find((d) => d.id === p)!.limits })
      await worker.start()
      const inputs = await inputsFromPaths(photos)
      const groups = inputs.map((input, i) => ({ operation, values: { 'background.color': ['FFFFFF', 'FF0000', '00FF00', '0000FF', '111111', '222222'][i] }, inputs: [input] }))
      const ended = new Promise<void>((resolve) => {
        const seen = new Map<string, WorkItem>()
        store.changes((items) => {
          for (const item of items) seen.set(item.id, item)
          if (seen.size === 6 && [...seen.values()].every((item) => FINAL_STATES.has(item.job.state))) resolve()
        })
      })
      await store.enqueue(await planItems(groups, { run: 'r', outDir: join(work, 'out'), stateDir: join(work, 'state') }))
      await ended
      await worker.close()
      expect((await store.counts()).done).toBe(6)
      const stats = sim.stats().providers.photoroom
      expect(stats.byPath['/v2/edit']).toBe(6)
      // One account check for the whole run (was once per parameter group), reading only the unit an edit spends:
      // images, on /v2/account (each request takes a turn of the rate limit).
      expect(stats.byPath['/v2/account']).toBe(1)
      expect(stats.byPath['/v1/account']).toBeUndefined()
      expect(worker.sessionsOpened).toBe(1)
    })
  })

  it('a lease not kept alive expires and its item is handed to another worker', async () => {
    let now = 1_000
    const store = new MemoryWorkStore(() => now)
    const [item] = await store.enqueue([{ run: 'r', priority: 0, maxCost: 1, spec: { ref: 'a', path: '/a.jpg', operation: 'photoroom.edit', values: {}, outDir: '/out', output: { base: '/out/a', count: 1 } } }])
    expect(await store.lease('w1', 5, 100)).toHaveLength(1)
    expect(await store.lease('w2', 5, 100)).toHaveLength(0)
    expect(await store.claimPurchase('k', 'w1', 100)).toBe(true)
    expect(await store.claimPurchase('k', 'w2', 100)).toBe(false)
    now += 101
    const [again] = await store.lease('w2', 5, 100)
    expect(again?.id).toBe(item!.id)
    expect(await store.claimPurchase('k', 'w2', 100)).toBe(true)
    // The first worker's late word on it is not taken.
    await store.complete(item!.id, 'w1', { ...item!.job, state: 'done' })
    expect((await store.counts()).queued).toBe(1)
  })
})
