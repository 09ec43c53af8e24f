import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeBatch } from '../helpers/batch'
import { collect, runCli, simulatorEnv, startCli, summaryOf } from '../helpers/cli'
import { NO_LIMITS, withSimulator } from '../helpers/simulator'
import { makePhotos, tempDir } from '../helpers/photos'
import type { BatchEvent } from '../../src/engine'

const laneStates = (events: BatchEvent[]): string[] => events.flatMap((e) => (e.type === 'provider' ? [e.state.status === 'running' ? 'running' : e.state.message] : []))

describe('outages', () => {
  it('Phota unreachable fails at start with exit 5, nothing sent', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 3)
    await withSimulator(NO_LIMITS, async (sim) => {
      const env = simulatorEnv(sim, join(work, 'state'), { PHOTA_API_URL: 'http://127.0.0.1:9' })
      const started = Date.now()
      const run = await runCli(['--provider', 'phota', '--param', 'prompt=warm', '--out', join(work, 'out'), join(work, 'in')], env)
      expect(run.code, run.stderr).toBe(5)
      expect(run.stderr).toContain('Phota cannot be reached')
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(sim.stats().providers.phota.requests).toBe(0)
    })
  })

  it('a provider failing for every photo pauses its lane with a visible state, and a probe resumes it', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 6)
      sim.queueFaults('photoroom', Array(5).fill('serverError'))
      const { batch, events } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 2 })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(6)
      const states = laneStates(events)
      // How many are waiting when it pauses depends on how far the others got: one is said as one.
      expect(states[0]).toMatch(/^Photoroom cannot be reached — (1 photo|([2-9]|\d\d+) photos) waiting$/)
      expect(states.at(-1)).toBe('running')
      expect(sim.stats().providers.photoroom.charged).toBe(6)
    })
  })

  it('the CLI exits 5 within 30 s of the provider going away mid-run', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 20)
    await withSimulator({ profiles: { pixelcut: { rateLimit: null, retryAfter: false, latencyMs: 200 } } }, async (sim) => {
      const env = simulatorEnv(sim, join(work, 'state'))
      const child = startCli(['--provider', 'pixelcut', '--concurrency', '2', '--json', '--out', join(work, 'out'), join(work, 'in')], env)
      const finished = collect(child)
      let goneAt = 0
      child.stdout?.on('data', (chunk: Buffer) => {
        if (!goneAt && chunk.toString().includes('"state":"done"')) {
          goneAt = Date.now()
          void sim.close()
        }
      })
      const run = await finished
      expect(run.code, run.stderr).toBe(5)
      expect(Date.now() - goneAt).toBeLessThan(30_000)
      const summary = summaryOf(run.events)
      expect(summary.stoppedBecause).toBe('unreachable')
      expect(run.stdout).toMatch(/Pixelcut cannot be reached — \d+ photos waiting/)
    })
    // The CLI's own start-up and its 15 s of patience, on a busy machine.
  }, 60_000)

  it('a Retry-After beyond the cap pauses the lane with a message instead of blocking in silence', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 2)
      // The balance query at start (a background removal reads only its credits), then one photo: the next is told to come back tomorrow.
      sim.updateProfile('photoroom', { rateLimit: { requests: 2, windowMs: 86_400_000 }, retryAfter: true })
      const { batch, events } = await makeBatch(sim, work, photos, 'photoroom', 'remove-background', {}, { concurrency: 1, stopWhenUnreachableForMs: 10_000 })
      const started = Date.now()
      const summary = await batch.run()
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(summary).toMatchObject({ stoppedBecause: 'unreachable', counts: { done: 1, blocked: 1 } })
      expect(laneStates(events)[0]).toMatch(/^Photoroom asked us to wait 24 hours .*1 photo waiting/)
      expect(sim.stats().providers.photoroom.charged).toBe(1)
    })
  })
})
