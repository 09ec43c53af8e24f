import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { withSimulator } from '../helpers/simulator'
import sharp from 'sharp'
import { collect, runCli, simulatorEnv, startCli, summaryOf } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
}

describe('kill -9 in the middle of a batch', () => {
  it('leaves only complete photos, and the next run pays only for what was not finished', async () => {
    await withSimulator({ profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 250 } } }, async (sim) => {
      const work = tempDir()
      await makePhotos(join(work, 'in'), 10)
      const out = join(work, 'out')
      const state = join(work, 'state')
      const env = simulatorEnv(sim, state)
      const args = ['--provider', 'photoroom', '--operation', 'edit', '--concurrency', '2', '--json', '--out', out, join(work, 'in')]

      const child = startCli(args, env)
      const finished = collect(child)
      let done = 0
      child.stdout?.on('data', (chunk: Buffer) => {
        done += (chunk.toString().match(/"state":"done"/g) ?? []).length
        if (done >= 3) child.kill('SIGKILL')
    })
    const killed = await finished
    expect(killed.code).toBeNull()
    // A request cut off by the kill is still worked on, and charged, by the provider: count it as paid before.
    await expect.poll(() => sim.stats().providers.photoroom.working, { timeout: 10_000 }).toBe(0)

    const written = filesUnder(out).filter((f) => !f.includes('.proofsheet-partial'))
    for (const file of written) expect((await sharp(file).metadata()).format).toBe('png')
    const paidBeforeKill = sim.stats().providers.photoroom.charged / 5
    // A result still being stored when the kill came (in its .incoming- folder) is not one.
    const stored = filesUnder(join(state, 'results')).filter((f) => f.endsWith('result.json') && !f.includes('.incoming-')).length
    expect(stored).toBeGreaterThanOrEqual(3)

    const resumed = await runCli(args, env)
    // A kill while an answer was being kept took it as it stood: noted as paid and written (found again by its
    // checksum: reused), or noted and not yet written (its bytes died with the process: it fails as bought
    // before, Buy again offered, CI's load showed it). Never bought again unasked: the rerun pays only for its done photos.
    const failed = resumed.events.filter((e) => e['event'] === 'job' && e['state'] === 'failed')
    for (const job of failed) expect(String(job['reason'])).toMatch(/^Bought before/)
    expect(resumed.code, resumed.stderr).toBe(failed.length ? 1 : 0)
    const counts = summaryOf(resumed.events).counts
    expect(counts['reused']).toBeGreaterThanOrEqual(stored)
    expect(counts['reused']! + counts['done']! + failed.length).toBe(10)
    expect(sim.stats().providers.photoroom.charged / 5 - paidBeforeKill).toBe(counts['done'])
    expect(filesUnder(out)).toHaveLength(10 - failed.length)
    expect(existsSync(join(out, '.proofsheet-partial'))).toBe(false)
    })
  })
})
