import { join } from 'node:path'
import { expect, test } from 'vitest'
import { EXIT } from '../../src/cli/exit-codes'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { startRedis } from '../helpers/redis'
import { describeWithRedis } from '../helpers/with-redis'
import { withSimulator } from '../helpers/simulator'
import { runSeat, startWorker, stopWorker, team, TEAM_LIMITS } from '../helpers/team'

describeWithRedis('seats sharing one team queue', () => {
  test('two seats enqueueing the same 20 photos at once, each working too: every photo done, charged 20', async () => {
    const redis = await startRedis()
    try {
      await withSimulator(TEAM_LIMITS, async (sim) => {
        const work = tempDir()
        await makePhotos(join(work, 'in'), 20)
        const t = team(work, redis.url, sim)
        const seat = (name: string): ReturnType<typeof runSeat> => runSeat(t, name, join(work, 'in'), join(work, 'out'), ['--work', '--results-dir', t.results])
        const [first, second] = await Promise.all([seat('seat-1'), seat('seat-2')])
        for (const run of [first, second]) {
          expect(run.code, run.stderr).toBe(0)
          const { counts } = summaryOf(run.events)
          expect((counts['done'] ?? 0) + (counts['reused'] ?? 0)).toBe(20)
        }
        expect(sim.stats().providers.pixelcut.charged).toBe(20)
      })
    } finally {
      await redis.stop()
    }
  }, 120_000)

  test('a budget cap of 30 credits across three workers: 40 photos enqueued, spend stays within 30, the rest held and told', async () => {
    const redis = await startRedis()
    try {
      await withSimulator(TEAM_LIMITS, async (sim) => {
        const work = tempDir()
        await makePhotos(join(work, 'in'), 40)
        const t = team(work, redis.url, sim)
        const workers = ['a', 'b', 'c'].map((name) => startWorker(t, name))
        try {
          const run = await runSeat(t, 'seat', join(work, 'in'), join(work, 'out'), ['--budget-cap', '30'])
          // Held by the cap, the run ends as one out of credits does.
          expect(run.code, run.stderr).toBe(EXIT.credits)
          const summary = summaryOf(run.events) as ReturnType<typeof summaryOf> & { held: number }
          const charged = sim.stats().providers.pixelcut.charged
          expect(charged).toBeLessThanOrEqual(30)
          expect(summary.counts['done']).toBe(charged)
          expect(summary.held).toBe(40 - charged)

          const status = await runCli(['--queue', t.redisUrl, '--json', 'status'], simulatorEnv(sim, join(work, 'state-status')))
          expect(status.code, status.stderr).toBe(0)
          const { spend } = status.events.find((e) => e['event'] === 'status') as { spend: { spent: number; cap: number; reserved: number } }
          expect(spend).toMatchObject({ spent: charged, cap: 30, reserved: 0 })
        } finally {
          await Promise.all(workers.map(stopWorker))
        }
      })
    } finally {
      await redis.stop()
    }
  }, 120_000)
})
