import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Batch } from '../../src/engine'
import { makeBatch } from '../helpers/batch'
import { withSimulator } from '../helpers/simulator'
import { makePhotos, tempDir } from '../helpers/photos'

const SLOW = { profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 600 } } }

const written = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.png') && !f.includes('.proofsheet-partial'))

/** Resolves once a request of the batch is out on the wire. */
async function onTheWire(batch: Batch): Promise<void> {
  await new Promise<void>((resolve) => batch.on('event', (e) => e.type === 'job' && e.job.state === 'sending' && resolve()))
  await expect.poll(() => batch.onTheWire, { timeout: 10_000 }).toBeGreaterThan(0)
}

describe('stopping a run keeps what was paid for', () => {
  it('finishing starts nothing new, waits for the requests on the wire and keeps what they bring: charges equal results written', async () => {
    await withSimulator(SLOW, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 8)
      const { batch } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 2 })
      const running = batch.run()
      await onTheWire(batch)
      const { sent, done } = batch.finish(30_000, 'Not sent: Proofsheet was quitting')
      await done
      const summary = await running
      expect(sent).toBeGreaterThan(0)
      expect(summary.counts.done).toBe(sent)
      expect(summary.counts.cancelled).toBe(8 - sent)
      expect(summary.stoppedBecause).toBe('cancelled')
      await expect.poll(() => sim.stats().providers.photoroom.working).toBe(0)
      expect(sim.stats().providers.photoroom.charged).toBe(sent)
      expect(written(join(work, 'out'))).toHaveLength(sent)
      expect(batch.snapshot.filter((j) => j.state === 'cancelled').every((j) => /quitting/.test(j.reason ?? ''))).toBe(true)

      // The next run buys exactly the photos still missing.
      const again = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 2 })
      const rerun = await again.batch.run()
      expect(rerun.counts).toMatchObject({ reused: sent, done: 8 - sent })
      expect(sim.stats().providers.photoroom.charged).toBe(8)
    })
  })

  it('what is still unanswered after the wait says, on its photo and in local time, that it may have been charged; the next run says so too', async () => {
    await withSimulator(SLOW, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      const first = await makeBatch(sim, work, photos, 'photoroom', 'remove-background')
      // Charged, then never answered.
      sim.queueFaults('photoroom', ['stallAfterCharge'])
      const running = first.batch.run()
      await onTheWire(first.batch)
      await first.batch.finish(1_000).done
      const summary = await running
      expect(summary.counts.done).toBe(0)
      expect(summary.mayHaveBeenCharged).toEqual([expect.objectContaining({ file: photos[0], twice: false, reason: expect.stringMatching(/^Sent today at \d{1,2}:\d\d[^;]*; .*may have charged it/) })])
      expect(first.batch.snapshot[0]?.maybeCharged).toMatch(/today at/)
      const next = await makeBatch(sim, work, photos, 'photoroom', 'remove-background')
      expect((await next.batch.run()).counts.done).toBe(1)
      expect(next.events.some((e) => e.type === 'notice' && /was sent today at .*may have charged the earlier attempt/.test(e.message))).toBe(true)
    })
  })

  it('stop now cuts everything off at once and names the photos that may have been charged', async () => {
    await withSimulator({ profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 5_000 } } }, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 6)
      const { batch } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 2 })
      const running = batch.run()
      await onTheWire(batch)
      const started = Date.now()
      batch.finish(30_000)
      const charged = batch.stopNow()
      const summary = await running
      expect(Date.now() - started).toBeLessThan(4_000)
      expect(charged.length).toBeGreaterThan(0)
      expect(summary.mayHaveBeenCharged.map((m) => m.file).sort()).toEqual([...charged].sort())
      expect(summary.counts.cancelled).toBe(6)
    })
  })
})
