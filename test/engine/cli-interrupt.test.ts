import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collect, runCli, simulatorEnv, startCli, summaryOf } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { withSimulator } from '../helpers/simulator'

const written = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.png') && !f.includes('.proofsheet-partial')) : [])

const slow = (latencyMs: number) => ({ profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs } } })

describe('Ctrl-C on the command line', () => {
  it('one press (even arriving twice, as through npm run) finishes the requests on the wire: charges equal results written, exit 130, and the rerun buys exactly the missing photos', async () => {
    await withSimulator(slow(1_500), async (sim) => {
      const work = tempDir()
      await makePhotos(join(work, 'in'), 12)
      const out = join(work, 'out')
      const env = simulatorEnv(sim, join(work, 'state'))
      const args = ['--provider', 'photoroom', '--operation', 'remove-background', '--concurrency', '4', '--json', '--out', out, join(work, 'in')]
      const child = startCli(args, env)
      const finished = collect(child)
      await expect.poll(() => sim.stats().providers.photoroom.inFlight, { timeout: 15_000 }).toBeGreaterThan(0)
      child.kill('SIGINT')
      setTimeout(() => child.kill('SIGINT'), 50)
      const run = await finished
      expect(run.code, run.stderr).toBe(130)
      expect(run.stderr).toMatch(/Finishing \d+ paid requests?…/)
      expect(run.stderr).not.toMatch(/Stopped now/)
      await expect.poll(() => sim.stats().providers.photoroom.working).toBe(0)
      const done = summaryOf(run.events).counts['done'] ?? 0
      expect(done).toBeGreaterThan(0)
      expect(sim.stats().providers.photoroom.charged).toBe(done)
      expect(written(out)).toHaveLength(done)

      const rerun = await runCli(args, env)
      expect(rerun.code, rerun.stderr).toBe(0)
      expect(summaryOf(rerun.events).counts).toMatchObject({ reused: done, done: 12 - done })
      expect(sim.stats().providers.photoroom.charged).toBe(12)
    })
  }, 60_000)

  it('a second press stops at once and names the photos that may have been charged', async () => {
    await withSimulator(slow(8_000), async (sim) => {
      const work = tempDir()
      await makePhotos(join(work, 'in'), 6)
      const env = simulatorEnv(sim, join(work, 'state'))
      const child = startCli(['--provider', 'photoroom', '--operation', 'remove-background', '--concurrency', '2', '--out', join(work, 'out'), join(work, 'in')], env)
      const finished = collect(child)
      await expect.poll(() => sim.stats().providers.photoroom.inFlight, { timeout: 15_000 }).toBe(2)
      child.kill('SIGINT')
      await new Promise((resolve) => setTimeout(resolve, 800))
      const pressed = Date.now()
      child.kill('SIGINT')
      const run = await finished
      expect(Date.now() - pressed).toBeLessThan(5_000)
      expect(run.code).toBe(130)
      expect(run.stderr).toMatch(/Finishing 2 paid requests…/)
      expect(run.stderr).toMatch(/Stopped now\. These photos were sent and may have been charged: \S*photo-0\d\.jpg, \S*photo-0\d\.jpg\n/)
    })
  }, 60_000)
})
