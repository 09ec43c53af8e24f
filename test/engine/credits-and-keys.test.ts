import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, NO_LIMITS, withSimulator } from '../helpers/simulator'
import { makeBatch } from '../helpers/batch'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'

describe('credits running out', () => {
  it('stops a headless run with exit 3, then a rerun after a top-up finishes without paying twice', async () => {
    await withSimulator({ ...NO_LIMITS, accounts: { pixelcut: [{ key: 'pxc_low_balance_key', label: 'low', balance: 3 }] } }, async (sim) => {
      const work = tempDir()
      await makePhotos(join(work, 'in'), 6)
      const env = simulatorEnv(sim, join(work, 'state'), { PIXELCUT_API_KEY: 'pxc_low_balance_key' })
      const args = ['--provider', 'pixelcut', '--concurrency', '1', '--json', '--out', join(work, 'out'), join(work, 'in')]
      const first = await runCli(args, env)
      expect(first.code).toBe(3)
      expect(summaryOf(first.events)).toMatchObject({ counts: { done: 3, blocked: 3 }, stoppedBecause: 'credits' })
      expect(first.events.find((e) => e['state'] === 'blocked')).toMatchObject({ reason: expect.stringContaining('credits are used up') })

      sim.setBalance('pixelcut', 'low', 10)
      const second = await runCli(args, env)
      expect(second.code, second.stderr).toBe(0)
      expect(summaryOf(second.events).counts).toMatchObject({ reused: 3, done: 3 })
      expect(sim.stats().providers.pixelcut.chargesByAccount['low']).toBe(6)
    })
  })

  it('pauses the provider in the app and resumes on demand after a top-up', async () => {
    await withSimulator({ ...NO_LIMITS, accounts: { photoroom: [{ key: 'sk_pr_low_balance', label: 'low', balance: 10 }] } }, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 4)
      const { batch, events } = await makeBatch(sim, work, photos, 'photoroom', 'edit', {}, { apiKey: 'sk_pr_low_balance', concurrency: 1 })
      const running = batch.run()
      await expect.poll(() => events.some((e) => e.type === 'provider' && e.state.status === 'paused'), { timeout: 10_000 }).toBe(true)
      expect(events.find((e) => e.type === 'provider')).toMatchObject({ state: { reason: 'credits', message: expect.stringContaining('Photoroom credits are used up') } })
      // The photo paid for just before the refusal may still be being written.
      await expect.poll(() => batch.snapshot.filter((j) => j.state === 'done').length).toBe(2)
      expect(batch.snapshot.filter((j) => j.state === 'waiting')).toHaveLength(1)
      sim.setBalance('photoroom', 'low', 100)
      batch.resume()
      const summary = await running
      expect(summary.counts.done).toBe(4)
      expect(sim.stats().providers.photoroom.chargesByAccount['low']).toBe(4)
    })
  })
})

describe('a Photoroom sandbox key', () => {
  it('is refused for remove-background before anything is sent (the sdk host does not take sandbox keys), and works for edit', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      await makePhotos(join(work, 'in'), 2)
      const env = simulatorEnv(sim, join(work, 'state'), { PHOTOROOM_API_KEY: DEMO_KEYS.photoroomSandbox })
      const refused = await runCli(['--provider', 'photoroom', '--operation', 'remove-background', '--out', join(work, 'out'), join(work, 'in')], env)
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain('Photoroom sandbox keys work only with the Image Editing API')
      expect(sim.stats().providers.photoroom.requests).toBe(0)
      const edited = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--out', join(work, 'out'), join(work, 'in')], env)
      expect(edited.code).toBe(0)
      expect(sim.stats().providers.photoroom.byPath['/v2/edit']).toBe(2)
    })
  })
})

describe('a wrong key', () => {
  it('stops before sending a single image, with exit 4', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      await makePhotos(join(work, 'in'), 5)
      const run = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--out', join(work, 'out'), join(work, 'in')], simulatorEnv(sim, join(work, 'state'), { PHOTOROOM_API_KEY: 'sk_pr_not_a_real_key' }))
      expect(run.code).toBe(4)
      expect(run.stderr).toContain('Photoroom rejected the API key')
      expect(run.stderr).toContain('Nothing was sent')
      const stats = sim.stats().providers.photoroom
      expect(stats.byPath['/v2/edit'] ?? 0).toBe(0)
      // The account check alone: an edit reads the images it spends, on /v2/account.
      expect(stats.byStatus['403']).toBe(1)
    })
  })

  it('stops the provider at once when the key is revoked mid-batch: one refusal, not one per image', async () => {
    // Slow enough answers that the batch cannot finish before the key is revoked, however busy the machine.
    const slow = { ...NO_LIMITS, profiles: { ...NO_LIMITS.profiles, pixelcut: { ...NO_LIMITS.profiles.pixelcut, latencyMs: 150 } } }
    await withSimulator(slow, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 8)
      const { batch } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { concurrency: 1 })
      const running = batch.run()
      await expect.poll(() => batch.snapshot.filter((j) => j.state === 'done').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
      sim.revokeKey('pixelcut', 'pixelcut-demo')
      const summary = await running
      expect(summary.stoppedBecause).toBe('auth')
      expect(summary.counts.blocked).toBeGreaterThan(0)
      expect(sim.stats().providers.pixelcut.byStatus['401']).toBe(1)
    })
  })
})

describe('a provider that cannot be reached', () => {
  it('stops before trying every photo, with exit 5 and a readable reason', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 3)
    await withSimulator(NO_LIMITS, async (sim) => {
      const env = simulatorEnv(sim, join(work, 'state'), { PIXELCUT_API_URL: 'http://127.0.0.1:9' })
      const run = await runCli(['--provider', 'pixelcut', '--out', join(work, 'out'), join(work, 'in')], env)
      expect(run.code).toBe(5)
      expect(run.stderr).toContain('Pixelcut cannot be reached')
      expect(run.stderr).toContain('PIXELCUT_API_URL')
    })
  })
})
