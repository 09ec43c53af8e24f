import { join } from 'node:path'
import { expect, test } from 'vitest'
import { EXIT } from '../../src/cli/exit-codes'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { describeWithRedis } from '../helpers/with-redis'
import { runSeat, startWorker, stopWorker, withTeam } from '../helpers/team'

describeWithRedis('seats sharing one team queue', () => {
  test('two seats enqueueing the same 20 photos at once, each working too: every photo done, charged 20', async () => {
    await withTeam(20, async (t) => {
      const seat = (name: string): ReturnType<typeof runSeat> => runSeat(t, name, t.input, t.out, ['--work', '--results-dir', t.results])
      const [first, second] = await Promise.all([seat('seat-1'), seat('seat-2')])
      for (const run of [first, second]) {
        expect(run.code, run.stderr).toBe(0)
        const { counts } = summaryOf(run.events)
        expect((counts['done'] ?? 0) + (counts['reused'] ?? 0)).toBe(20)
      }
      expect(t.sim.stats().providers.pixelcut.charged).toBe(20)
    })
  }, 120_000)

  test('a budget cap of 30 credits across three workers: 40 photos enqueued, spend stays within 30, the rest held and told', async () => {
    await withTeam(40, async (t) => {
      const workers = ['a', 'b', 'c'].map((name) => startWorker(t, name))
      try {
        const run = await runSeat(t, 'seat', t.input, t.out, ['--budget-cap', '30'])
        // Held by the cap, the run ends as one out of credits does.
        expect(run.code, run.stderr).toBe(EXIT.credits)
        const summary = summaryOf(run.events) as ReturnType<typeof summaryOf> & { held: number }
        const charged = t.sim.stats().providers.pixelcut.charged
        expect(charged).toBeLessThanOrEqual(30)
        expect(summary.counts['done']).toBe(charged)
        expect(summary.held).toBe(40 - charged)

        const status = await runCli(['--queue', t.redisUrl, '--json', 'status'], simulatorEnv(t.sim, join(t.work, 'state-status')))
        expect(status.code, status.stderr).toBe(0)
        const { spend } = status.events.find((e) => e['event'] === 'status') as { spend: { spent: number; cap: number; reserved: number } }
        expect(spend).toMatchObject({ spent: charged, cap: 30, reserved: 0 })
      } finally {
        await Promise.all(workers.map(stopWorker))
      }
    })
  }, 120_000)
})
