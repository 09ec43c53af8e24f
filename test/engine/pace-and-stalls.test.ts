import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Lanes } from '../../src/engine/scheduler/lanes'
import { ConcurrencyLimit } from '../../src/engine/scheduler/concurrency-limit'
import { StallDeadline } from '../../src/engine/scheduler/stall-deadline'
import { makeBatch } from '../helpers/batch'
import { makePhotos, tempDir } from '../helpers/photos'
import { withSimulator } from '../helpers/simulator'

describe('pace without knowing the limit', () => {
  it('finds a 5 req/s, 4-at-once account under a published 8.3 req/s and 16 at once, with few 429s', async () => {
    const profile = { latencyMs: 200, rateLimit: { requests: 5, windowMs: 1000 }, retryAfter: false, maxInFlight: 4 }
    await withSimulator({ profiles: { photoroom: profile } }, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 40)
      const lanes = new Lanes()
      const { batch } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 16, requestsPerSecond: 500 / 60, lanes })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(40)
      // The limit was found: the pace settles just under it instead of climbing back to 8.3.
      const { gate } = lanes.get('photoroom', { concurrency: 16, requestsPerSecond: 500 / 60 })
      expect(gate.climbsTo).toBeGreaterThan(4.4)
      expect(gate.climbsTo).toBeLessThanOrEqual(5)
      const stats = sim.stats().providers.photoroom
      // Two or three 429s find the limit; the old 30 % see-saw met it every few seconds (5 here).
      expect(stats.byStatus['429'] ?? 0).toBeLessThanOrEqual(4)
      expect(stats.charged).toBe(40)
    })
  }, 60_000)
})

describe('stalls cost seconds', () => {
  it('a request that is never answered is given up after a few times the usual answer time, not the minute allowed', async () => {
    // One request in ten never answered (seeded, so the same ones every run).
    await withSimulator({ profiles: { photoroom: { latencyMs: 50, rateLimit: null, retryAfter: false, faults: { stall: 0.1 } } } }, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 20)
      const { batch, events } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 4 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(20)
      const stalls = sim.stats().providers.photoroom.faults.stall
      expect(stalls).toBeGreaterThan(0)
      const retried = events.flatMap((e) => (e.type === 'job' && e.job.state === 'retrying' ? [e.job.reason ?? ''] : []))
      expect(retried).toHaveLength(stalls)
      for (const reason of retried) expect(reason).toMatch(/^Photoroom did not answer within 5 s \(its answers usually take \d+ ms\)$/)
    })
  }, 30_000)

  it('waits the operation maximum until it has seen a few answers, then a multiple of their 95th percentile within [5 s, maximum]', () => {
    const deadline = new StallDeadline(60_000)
    for (let i = 0; i < 4; i++) deadline.observe(100)
    expect(deadline.limitMs).toBe(60_000)
    deadline.observe(100)
    expect(deadline.limitMs).toBe(5_000)
    for (let i = 0; i < 20; i++) deadline.observe(3_000)
    expect(deadline.usualMs).toBe(3_000)
    expect(deadline.limitMs).toBe(12_000)
    for (let i = 0; i < 50; i++) deadline.observe(30_000)
    expect(deadline.limitMs).toBe(60_000)
  })
})

describe('requests at once', () => {
  it('a 429 with a full house lowers the limit to what the provider held; a long run of successes tries one more', () => {
    const limit = new ConcurrencyLimit(16)
    expect(limit.refusedAt(5)).toBe(true)
    expect(limit.current).toBe(4)
    expect(limit.refusedAt(5)).toBe(false)
    for (let i = 0; i < 49; i++) limit.succeeded()
    expect(limit.current).toBe(4)
    limit.succeeded()
    expect(limit.current).toBe(5)
    limit.max = 3
    expect(limit.current).toBe(3)
  })
})
