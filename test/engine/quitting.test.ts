import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeBatch } from '../helpers/batch'
import { withSimulator } from '../helpers/simulator'
import { makePhotos, tempDir } from '../helpers/photos'

const SLOW = { profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 600 } } }

describe('quitting mid-batch', () => {
  it('starts nothing new, waits for the paid requests already sent and keeps what they bring', async () => {
    await withSimulator(SLOW, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 8)
      const { batch, events } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 2 })
      const running = batch.run()
      await new Promise<void>((resolve) => batch.on('event', (e) => e.type === 'job' && e.job.state === 'sending' && resolve()))
      await new Promise((resolve) => setTimeout(resolve, 100))
      const { sent, done } = batch.finish(30_000)
      await done
      const summary = await running
      expect(sent).toBeGreaterThan(0)
      expect(summary.counts.done).toBe(sent)
      expect(summary.counts.cancelled).toBe(8 - sent)
      expect(sim.stats().providers.photoroom.charged).toBe(sent)
      expect(events.filter((e) => e.type === 'job' && e.job.state === 'cancelled').every((e) => e.type === 'job' && /quitting/.test(e.job.reason ?? ''))).toBe(true)
    })
  })

  it('leaves what is still unanswered after the wait journaled, and the next run says it may have been charged', async () => {
    await withSimulator(SLOW, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      sim.queueFaults('photoroom', ['stallAfterCharge'])
      const first = await makeBatch(sim, work, photos, 'photoroom', 'remove-background')
      const running = first.batch.run()
      await new Promise<void>((resolve) => first.batch.on('event', (e) => e.type === 'job' && e.job.state === 'sending' && resolve()))
      await first.batch.finish(1_000).done
      expect((await running).counts.done).toBe(0)
      const next = await makeBatch(sim, work, photos, 'photoroom', 'remove-background')
      expect((await next.batch.run()).counts.done).toBe(1)
      expect(next.events.some((e) => e.type === 'notice' && /may have charged the earlier attempt/.test(e.message))).toBe(true)
    })
  })
})
