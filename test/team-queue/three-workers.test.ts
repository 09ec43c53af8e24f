import { expect, test } from 'vitest'
import { summaryOf } from '../helpers/cli'
import { describeWithRedis } from '../helpers/with-redis'
import { runSeat, startWorker, stopWorker, withTeam } from '../helpers/team'

describeWithRedis('three workers on one team queue', () => {
  test('60 photos enqueued by one batch --queue are done, each bought once, within the shared limit; the same command again bills nothing', async () => {
    await withTeam(60, async (t) => {
      const workers = ['a', 'b', 'c'].map((name) => startWorker(t, name))
      try {
        const first = await runSeat(t, 'seat', t.input, t.out)
        expect(first.code, first.stderr).toBe(0)
        expect(summaryOf(first.events).counts).toMatchObject({ done: 60 })
        const stats = t.sim.stats().providers.pixelcut
        expect(stats.charged).toBe(60)
        const sent = stats.byPath['/v1/remove-background'] ?? 0
        // 429s ≤ 5 %, and never for the 4-at-once limit: the three together kept to it.
        expect((stats.byStatus['429'] ?? 0) / sent).toBeLessThanOrEqual(0.05)
        expect(stats.limited.inFlight).toBe(0)
        expect(stats.peakInFlight).toBeLessThanOrEqual(4)

        const again = await runSeat(t, 'seat', t.input, t.out)
        expect(again.code, again.stderr).toBe(0)
        expect(summaryOf(again.events).counts).toMatchObject({ reused: 60 })
        expect(summaryOf(again.events).cost.amount).toBe(0)
        expect(t.sim.stats().providers.pixelcut.charged).toBe(60)
      } finally {
        await Promise.all(workers.map(stopWorker))
      }
    })
  }, 120_000)
})
