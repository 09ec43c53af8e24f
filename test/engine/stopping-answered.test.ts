import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Batch } from '../../src/engine'
import { makeBatch } from '../helpers/batch'
import { makePhotos, tempDir } from '../helpers/photos'
import { withSimulator } from '../helpers/simulator'

/** Called as a result is about to be written into its output folder: the answer is in, not yet kept. */
const beforeOutput = vi.hoisted(() => ({ hook: null as null | ((path: string) => Promise<void>) }))

vi.mock('../../src/engine/files/atomic-write', async (importOriginal) => {
  const atomic = await importOriginal<typeof import('../../src/engine/files/atomic-write')>()
  const writeFileAtomic: typeof atomic.writeFileAtomic = async (path, data, o) => {
    const hook = beforeOutput.hook
    if (hook && path.endsWith('.png')) {
      beforeOutput.hook = null
      await hook(path)
    }
    return atomic.writeFileAtomic(path, data, o)
  }
  return { ...atomic, writeFileAtomic }
})

const SLOW = { profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 300 } } }
const written = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.png') && !f.includes('.proofsheet-partial'))

// Found by a new user: Cancel pressed while a paid answer was being written threw the photo back to
// "Not run" although its file was written and charged; Stop now did the same, and listed nothing.
describe('stopping while a paid answer is being kept', () => {
  for (const [how, stop] of [
    ['Cancel', (batch: Batch) => void batch.finish(30_000, 'Cancelled: not sent')],
    ['Stop now', (batch: Batch) => void batch.stopNow('Stopped')]
  ] as const) {
    it(`${how}: the answer in hand is written and the photo is done; charges equal results`, async () => {
      await withSimulator(SLOW, async (sim) => {
        const work = tempDir()
        const photos = await makePhotos(join(work, 'in'), 4)
        const { batch } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 1 })
        beforeOutput.hook = async () => {
          stop(batch)
          // Whatever the stop sets going has its turn before the result goes on.
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        const summary = await batch.run()
        // The stop came while the first answer was in hand: the rest of the photos were never sent.
        expect(beforeOutput.hook).toBeNull()
        expect(summary.counts.done).toBeLessThan(photos.length)
        await expect.poll(() => sim.stats().providers.photoroom.working).toBe(0)
        const charged = sim.stats().providers.photoroom.charged
        expect(summary.counts.done).toBeGreaterThanOrEqual(1)
        expect(written(join(work, 'out'))).toHaveLength(summary.counts.done ?? 0)
        expect(charged).toBe(summary.counts.done)
        expect(batch.snapshot.filter((job) => job.state === 'done')).toHaveLength(charged)
      })
    })
  }
})
