import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NO_LIMITS, withSimulator } from '../helpers/simulator'
import { makeBatch } from '../helpers/batch'
import { makePhotos, tempDir } from '../helpers/photos'

const journal = (work: string): { key: string; event: string }[] =>
  readFileSync(join(work, 'state', 'journal.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { key: string; event: string })

describe('a 200 is a purchase', () => {
  it('Photoroom: a paid body cut twice is sent twice at most, fails with the reason and says it was charged twice', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      sim.queueFaults('photoroom', Array(6).fill('reset'))
      const { batch } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background')
      const summary = await batch.run()
      expect(summary.counts.failed).toBe(1)
      expect(sim.stats().providers.photoroom.charged).toBe(2)
      expect(batch.snapshot[0]?.reason).toMatch(/charged for twice/)
      expect(summary.mayHaveBeenCharged).toMatchObject([{ file: photos[0], twice: false }])
    })
  })

  it('Pixelcut: a result link answering 503 or cut mid-body is fetched again, never bought again', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 3)
      sim.queueFaults('pixelcut', ['downloadError', 'downloadReset', 'downloadError'])
      const { batch } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { concurrency: 1 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(3)
      const stats = sim.stats().providers.pixelcut
      expect(stats.faults).toMatchObject({ downloadError: 2, downloadReset: 1 })
      expect(stats.charged).toBe(3)
      expect(summary.mayHaveBeenCharged).toEqual([])
    })
  })

  it('Pixelcut: a link that never works fails the photo as charged, without a second purchase', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      sim.queueFaults('pixelcut', Array(5).fill('downloadError'))
      const { batch } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background')
      const summary = await batch.run()
      expect(summary.counts.failed).toBe(1)
      expect(sim.stats().providers.pixelcut.charged).toBe(1)
      expect(batch.snapshot[0]?.reason).toMatch(/charged for this photo but its result could not be downloaded \(HTTP 503\)/)
    })
  })

  it('Phota: download links answering 503 or cut mid-body are fetched again; one charge per photo', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 3)
      sim.queueFaults('phota', ['downloadError', 'downloadReset', 'downloadError'])
      const { batch } = await makeBatch(sim, work, photos, 'phota', 'edit', { prompt: 'soft light', response_mode: 'urls' }, { concurrency: 1 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(3)
      expect(sim.stats().providers.phota.faults).toMatchObject({ downloadError: 2, downloadReset: 1 })
      expect(sim.stats().providers.phota.charged).toBe(3)
    })
  })

  it.each([
    ['photoroom', 'remove-background', {}],
    ['pixelcut', 'remove-background', {}],
    ['phota', 'edit', { prompt: 'soft light' }]
  ] as const)('%s: a 200 without an image fails the photo with the reason and is not sent again', async (provider, operation, values) => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      sim.queueFaults(provider, ['noImage'])
      const { batch } = await makeBatch(sim, work, photos, provider, operation, values)
      const summary = await batch.run()
      expect(summary.counts.failed).toBe(1)
      // One photo costs one credit on each of these: a second purchase would show as 2.
      expect(sim.stats().providers[provider].charged).toBe(1)
      expect(batch.snapshot[0]?.reason).toMatch(/answered without .* it is not sent again/)
    })
  })

  it('a request charged and never answered is journaled; the summary and the next run say it may have been charged', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      sim.queueFaults('pixelcut', Array(6).fill('stallAfterCharge'))
      const first = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { timeoutMs: 300 })
      const summary = await first.batch.run()
      expect(summary.counts.failed).toBe(1)
      expect(sim.stats().providers.pixelcut.charged).toBe(6)
      expect(summary.mayHaveBeenCharged).toMatchObject([{ file: photos[0], twice: false, reason: expect.stringMatching(/did not answer within 300 ms/) }])
      expect(journal(work).filter((r) => r.event === 'outcome-unknown')).toHaveLength(6)

      const again = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { timeoutMs: 300 })
      expect((await again.batch.run()).counts.done).toBe(1)
      expect(again.events.some((e) => e.type === 'notice' && e.message.includes('photo-01') && /may have charged/.test(e.message))).toBe(true)
    })
  })
})
