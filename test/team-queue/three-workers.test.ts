import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { summaryOf } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { startRedis, type PrivateRedis } from '../helpers/redis'
import { describeWithRedis } from '../helpers/with-redis'
import { withSimulator } from '../helpers/simulator'
import { runSeat, startWorker, stopWorker, team, TEAM_LIMITS } from '../helpers/team'

describeWithRedis('three workers on one team queue', () => {
  let redis: PrivateRedis
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  test('three workers on one team queue: 60 photos enqueued by one batch --queue are done, each bought once, within the shared limit; the same command again bills nothing', async () => {
    await withSimulator(TEAM_LIMITS, async (sim) => {
      const work = tempDir()
      const input = join(work, 'in')
      await makePhotos(input, 60)
      const t = team(work, redis.url, sim)
      const workers = ['a', 'b', 'c'].map((name) => startWorker(t, name))
      try {
        const first = await runSeat(t, 'seat', input, join(work, 'out'))
        expect(first.code, first.stderr).toBe(0)
        expect(summaryOf(first.events).counts).toMatchObject({ done: 60 })
        const stats = sim.stats().providers.pixelcut
        expect(stats.charged).toBe(60)
        const sent = stats.byPath['/v1/remove-background'] ?? 0
        // 429s ≤ 5 %, and never for the 4-at-once limit: the three together kept to it.
        expect((stats.byStatus['429'] ?? 0) / sent).toBeLessThanOrEqual(0.05)
        expect(stats.limited.inFlight).toBe(0)
        expect(stats.peakInFlight).toBeLessThanOrEqual(4)

        const again = await runSeat(t, 'seat', input, join(work, 'out'))
        expect(again.code, again.stderr).toBe(0)
        expect(summaryOf(again.events).counts).toMatchObject({ reused: 60 })
        expect(summaryOf(again.events).cost.amount).toBe(0)
        expect(sim.stats().providers.pixelcut.charged).toBe(60)
      } finally {
        await Promise.all(workers.map(stopWorker))
      }
    })
  }, 120_000)
})
