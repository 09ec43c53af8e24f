import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { NO_LIMITS, withSimulator } from '../helpers/simulator'
import { makeBatch } from '../helpers/batch'
import { makePhotos, tempDir } from '../helpers/photos'

async function expectAllWritten(out: string, count: number): Promise<void> {
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
  expect(files).toHaveLength(count)
  for (const f of files) expect((await sharp(join(f.parentPath, f.name)).metadata()).format).toBe('png')
  expect(existsSync(join(out, '.proofsheet-partial'))).toBe(false)
}

describe('surviving the provider', () => {
  it('rides out a 429 storm with Retry-After (Photoroom): everything done, each image paid once', async () => {
    await withSimulator({ profiles: { photoroom: { rateLimit: { requests: 4, windowMs: 1000 }, retryAfter: true } } }, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 10)
      // Told it may send 50 a second against a limit of 4: it must learn the real pace from the 429s.
      const { batch } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { requestsPerSecond: 50, concurrency: 8 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(10)
      const stats = sim.stats().providers.photoroom
      expect(stats.byStatus['429']).toBeGreaterThan(0)
      expect(stats.charged).toBe(10)
      await expectAllWritten(join(work, 'out'), 10)
    })
  })

  it('rides out 429s without Retry-After (Pixelcut) by backing off with jitter', async () => {
    await withSimulator({ profiles: { pixelcut: { rateLimit: { requests: 3, windowMs: 500 }, retryAfter: false } } }, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 8)
      const { batch } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { requestsPerSecond: 40 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(8)
      const stats = sim.stats().providers.pixelcut
      expect(stats.byStatus['429']).toBeGreaterThan(0)
      expect(stats.charged).toBe(8)
    })
  })

  it('retries 5xx and says so in the job state', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 3)
      sim.queueFaults('phota', ['serverError', 'serverError'])
      const { batch, events } = await makeBatch(sim, work, photos, 'phota', 'edit', { prompt: 'soft light' }, { concurrency: 1 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(3)
      expect(events.some((e) => e.type === 'job' && e.job.state === 'retrying' && /temporary problem \(50[03]\)/.test(e.job.reason ?? ''))).toBe(true)
      expect(sim.stats().providers.phota.charged).toBe(3)
    })
  })

  it('sends a Photoroom photo whose paid body was cut once more, and reports it may have been charged twice', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 3)
      sim.queueFaults('photoroom', ['reset'])
      const { batch } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 1 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(3)
      expect(sim.stats().providers.photoroom.faults.reset).toBe(1)
      // The image is the body: the only way to it is to buy it again, once.
      expect(sim.stats().providers.photoroom.charged).toBe(4)
      expect(summary.mayHaveBeenCharged).toEqual([{ file: expect.stringMatching(/photo-0[123]\.jpg$/), twice: true, reason: expect.stringMatching(/while sending the result/) }])
      await expectAllWritten(join(work, 'out'), 3)
    })
  })

  it('times out a request that never comes back and sends it again', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 2)
      sim.queueFaults('pixelcut', ['stall'])
      const { batch, events } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { concurrency: 1, timeoutMs: 400 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(2)
      expect(events.some((e) => e.type === 'job' && e.job.state === 'retrying' && /did not answer/.test(e.job.reason ?? ''))).toBe(true)
    })
  })

  it('gives up on an image after six tries, with the reason', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      sim.queueFaults('pixelcut', Array(6).fill('serverError'))
      const { batch } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background')
      const summary = await batch.run()
      expect(summary.counts).toMatchObject({ done: 0, failed: 1 })
      expect(sim.stats().providers.pixelcut.byStatus['500']).toBe(6)
      expect(batch.snapshot.find((j) => j.state === 'failed')?.reason).toMatch(/gave up after 6 tries/)
    })
  })
})
