import type { ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { EXIT } from '../../src/cli/exit-codes'
import { collect, startCli, simulatorEnv, summaryOf, type CliRun } from '../helpers/cli'
import { describeWithRedis } from '../helpers/with-redis'
import { makePhotos, tempDir } from '../helpers/photos'
import { startRedis, type PrivateRedis } from '../helpers/redis'
import { withSimulator } from '../helpers/simulator'
import { startWorker, stopWorker, team, TEAM_LIMITS, withTeam, type RunningWorker, type Team } from '../helpers/team'

/** A seat whose progress can be watched while it runs: `done(n)` resolves once n photos are done; `end()` kills it (a failed test). */
function watchedSeat(t: Team, input: string, out: string): { finished: ReturnType<typeof collect>; done(count: number): Promise<void>; end(): void } {
  const child = startCli(['--queue', t.redisUrl, '--provider', 'pixelcut', '--operation', 'remove-background', '--json', '--out', out, input], simulatorEnv(t.sim, join(t.work, 'state-seat')))
  let done = 0
  const waiters: { count: number; resolve: () => void }[] = []
  child.stdout?.on('data', (chunk: Buffer) => {
    done += (chunk.toString().match(/"state":"done"/g) ?? []).length
    for (const w of waiters.filter((w) => done >= w.count)) w.resolve()
  })
  return { finished: collect(child), done: (count) => new Promise((resolve) => waiters.push({ count, resolve })), end: () => child.kill('SIGKILL') }
}

/** How long a seat's Ctrl-C may take before the test kills it: one waiting on a Redis that is gone never ends, and says so. */
const LEAVE_WITHIN_MS = 15_000

function leaves(child: ChildProcess, finished: Promise<CliRun>): Promise<CliRun> {
  const timer = setTimeout(() => child.kill('SIGKILL'), LEAVE_WITHIN_MS)
  return finished.finally(() => clearTimeout(timer))
}

describeWithRedis('a team queue when something fails', () => {
  test('a worker killed with kill -9 mid-run: every photo is still done by the others, nothing is bought twice but what the kill cut off, and that is told', async () => {
    await withTeam(30, async (t) => {
      const workers = ['a', 'b', 'c'].map((name) => startWorker(t, name))
      const seat = watchedSeat(t, t.input, t.out)
      try {
        await seat.done(8)
        workers[0]!.child.kill('SIGKILL')
        const result = await seat.finished
        expect(result.code, result.stderr).toBe(0)
        const summary = summaryOf(result.events) as ReturnType<typeof summaryOf> & { mayHaveBeenCharged: { twice: boolean }[] }
        // A photo the killed worker had bought and kept in the shared results folder, but not yet marked done, is reused.
        const { done = 0, reused = 0 } = summary.counts
        expect(done + reused, JSON.stringify(summary.counts)).toBe(30)
        // What the killed worker had on the wire (4 at once at most, for the whole team) may be paid twice: the provider
        // finishes it, or answered just before the kill; every such photo is told, and nothing else is bought again.
        await expect.poll(() => t.sim.stats().providers.pixelcut.working, { timeout: 10_000 }).toBe(0)
        const twice = summary.mayHaveBeenCharged.filter((m) => m.twice).length
        const charged = t.sim.stats().providers.pixelcut.charged
        expect(twice, JSON.stringify(summary.mayHaveBeenCharged)).toBeLessThanOrEqual(4)
        expect(charged - 30, JSON.stringify(summary.mayHaveBeenCharged)).toBeLessThanOrEqual(twice)
      } finally {
        seat.end()
        await Promise.all(workers.slice(1).map(stopWorker))
      }
    })
  }, 120_000)

  test('Redis goes away mid-run: the workers pause and say so, go on when it is back, and nothing is bought twice', async () => {
    await withTeam(20, async (t, redis) => {
      const workers = ['a', 'b'].map((name) => startWorker(t, name))
      const seat = watchedSeat(t, t.input, t.out)
      try {
        await seat.done(5)
        await redis.stop()
        await expect.poll(() => workers.every((w) => w.stderr().includes('cannot be reached')), { timeout: 10_000 }).toBe(true)
        // A photo already marked as on its way before Redis went (its 200 ms lead, its turn at the lane) still goes out:
        // that is a request already sent, as far as the team knows. After it, nothing more until Redis is back,
        // for longer than a lease: the photos leased before are handed out again when it is back.
        await new Promise((resolve) => setTimeout(resolve, 2_000))
        const sentWhileAway = t.sim.stats().providers.pixelcut.byPath['/v1/remove-background']
        await new Promise((resolve) => setTimeout(resolve, 5_000))
        expect(t.sim.stats().providers.pixelcut.byPath['/v1/remove-background']).toBe(sentWhileAway)
        await redis.restart()
        const result = await seat.finished
        expect(result.code, result.stderr).toBe(0)
        // A photo whose lease ran out while Redis was away is taken over by another worker, which finds its result kept.
        const { counts } = summaryOf(result.events)
        expect((counts['done'] ?? 0) + (counts['reused'] ?? 0)).toBe(20)
        expect(t.sim.stats().providers.pixelcut.charged).toBe(20)
        expect(workers.every((w) => w.stderr().includes('is back'))).toBe(true)
      } finally {
        seat.end()
        await Promise.all(workers.map(stopWorker))
      }
    })
  }, 120_000)

  test('Ctrl-C while Redis is away: the worker leaves (a second Ctrl-C at once), saying its photos go back when their leases run out', async () => {
    await withTeam(12, async (t, redis) => {
      const worker = startWorker(t, 'a')
      const seat = watchedSeat(t, t.input, t.out)
      try {
        await seat.done(2)
        await redis.stop()
        await expect.poll(() => worker.stderr().includes('cannot be reached'), { timeout: 10_000 }).toBe(true)
        worker.child.kill('SIGINT')
        await expect.poll(() => /Stopping|Finishing/.test(worker.stderr()), { timeout: 10_000 }).toBe(true)
        await new Promise((resolve) => setTimeout(resolve, 500))
        if (worker.child.exitCode === null) worker.child.kill('SIGINT')
        const run = await worker.exited
        expect(run.code, run.stderr).toBe(EXIT.interrupted)
        expect(run.stderr).toContain('go back to the others when their leases run out')
      } finally {
        seat.end()
        await stopWorker(worker)
      }
    })
  }, 60_000)

  test('Ctrl-C on a seat while Redis is away: it stops following and leaves; the photos stay queued', async () => {
    const run = await seatStoppedWhileRedisGoes(async (seat, redis, worker) => {
      await redis.stop()
      await expect.poll(() => worker.stderr().includes('cannot be reached'), { timeout: 10_000 }).toBe(true)
      seat.kill('SIGINT')
    })
    expect(run.code, run.stderr).toBe(EXIT.interrupted)
    expect(run.stderr).toContain('Stopped following')
  }, 60_000)

  test('Ctrl-C that reaches a seat before it hears Redis go: it still leaves, without waiting for the queue', async () => {
    const run = await seatStoppedWhileRedisGoes(async (seat, redis) => {
      // Held still while Redis stops, the seat takes the Ctrl-C first and asks the queue for its budget after.
      seat.kill('SIGSTOP')
      await redis.stop()
      seat.kill('SIGINT')
      seat.kill('SIGCONT')
    })
    expect(run.code, run.stderr).toBe(EXIT.interrupted)
    expect(run.stderr).toContain('Stopped following')
    expect(run.stdout).toContain('cannot be reached: its photos stay there for its workers')
  }, 60_000)

  test('Ctrl-C on a seat that works too, after Redis went with its requests on the wire: it waits for their answers and keeps them', async () => {
    const redis = await startRedis()
    try {
      await withSimulator({ profiles: { pixelcut: { ...TEAM_LIMITS.profiles.pixelcut, latencyMs: 4_000, latencyJitterMs: 0 } } }, async (sim) => {
        const t = team(tempDir(), redis.url, sim)
        await makePhotos(t.input, 8)
        const seat = startCli(['--queue', t.redisUrl, '--work', '--results-dir', t.results, '--provider', 'pixelcut', '--operation', 'remove-background', '--out', t.out, t.input], simulatorEnv(sim, join(t.work, 'state-seat')), t.work)
        const finished = collect(seat)
        let stderr = ''
        seat.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
        try {
          await expect.poll(() => sim.stats().providers.pixelcut.working, { timeout: 20_000 }).toBeGreaterThan(1)
          await redis.stop()
          await expect.poll(() => stderr.includes('cannot be reached'), { timeout: 10_000 }).toBe(true)
          seat.kill('SIGINT')
          const run = await leaves(seat, finished)
          expect(run.code, run.stderr).toBe(EXIT.interrupted)
          // The provider finishes (and charges) a request whose client hung up: its books are read once it has.
          await expect.poll(() => sim.stats().providers.pixelcut.working, { timeout: 10_000 }).toBe(0)
          const { charged, chargedAfterHangUp } = sim.stats().providers.pixelcut
          expect(chargedAfterHangUp, run.stderr).toBe(0)
          // Each answer paid for is written where it belongs (the photos' folder is kept below the output folder).
          expect(readdirSync(t.out, { recursive: true }).filter((name) => String(name).endsWith('.png'))).toHaveLength(charged)
        } finally {
          seat.kill('SIGKILL')
        }
      })
    } finally {
      await redis.stop()
    }
  }, 60_000)
})

/** A seat following 12 photos that one worker is buying; once two are bought, `stop` takes Redis away and presses Ctrl-C on the seat. */
async function seatStoppedWhileRedisGoes(stop: (seat: ChildProcess, redis: PrivateRedis, worker: RunningWorker) => Promise<void>): Promise<CliRun> {
  let run: CliRun | undefined
  await withTeam(12, async (t, redis) => {
    const worker = startWorker(t, 'a')
    const seat = startCli(['--queue', t.redisUrl, '--provider', 'pixelcut', '--operation', 'remove-background', '--out', t.out, t.input], simulatorEnv(t.sim, join(t.work, 'state-seat')))
    const finished = collect(seat)
    try {
      await expect.poll(() => t.sim.stats().providers.pixelcut.charged, { timeout: 20_000 }).toBeGreaterThan(1)
      await stop(seat, redis, worker)
      run = await leaves(seat, finished)
    } finally {
      seat.kill('SIGKILL')
      // Its Redis is gone for good: the worker is not what these tests stop.
      worker.child.kill('SIGKILL')
      await worker.exited
    }
  })
  return run as CliRun
}
