import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { withSimulator } from '../helpers/simulator'
import { Lanes } from '../../src/engine/scheduler/lanes'
import { makeBatch } from '../helpers/batch'
import { makePhotos, tempDir } from '../helpers/photos'

const slow = { profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 300 }, pixelcut: { rateLimit: null, retryAfter: false }, phota: { rateLimit: null, retryAfter: true } } }

describe('controlling a batch', () => {
  it('pauses without starting new requests and resumes where it was', async () => {
    await withSimulator(slow, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 6)
      const { batch, events } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 1 })
      const running = batch.run()
      await expect.poll(() => batch.snapshot.filter((j) => j.state === 'done').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1)
      batch.pause()
      const sentAtPause = sim.stats().providers.photoroom.byPath['/v1/segment'] ?? 0
      await new Promise((r) => setTimeout(r, 900))
      // At most the request already under way when pause was pressed.
      expect((sim.stats().providers.photoroom.byPath['/v1/segment'] ?? 0) - sentAtPause).toBeLessThanOrEqual(1)
      expect(events.some((e) => e.type === 'provider' && e.state.status === 'paused')).toBe(true)
      batch.resume()
      const summary = await running
      expect(summary.counts.done).toBe(6)
      expect(sim.stats().providers.photoroom.charged).toBe(6)
    })
  })

  it('lets a single re-run jump ahead of a running batch on the same provider', async () => {
    await withSimulator(slow, async (sim) => {
      const lanes = new Lanes()
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 8)
      const [rerunPhoto] = await makePhotos(join(work, 'rerun'), 1, { width: 330 })
      const big = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 1, lanes })
      const bigRun = big.batch.run()
      await expect.poll(() => big.batch.snapshot.filter((j) => j.state === 'done').length, { timeout: 10_000 }).toBe(1)
      const single = await makeBatch(sim, join(work, 'single'), [rerunPhoto as string], 'photoroom', 'remove-background', {}, { concurrency: 1, lanes, priority: 10 })
      const summary = await single.batch.run()
      expect(summary.counts.done).toBe(1)
      // The re-run finished while most of the big batch was still waiting its turn.
      expect(big.batch.snapshot.filter((j) => j.state === 'done').length).toBeLessThanOrEqual(3)
      expect((await bigRun).counts.done).toBe(8)
    })
  })
})
