import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { answerProxy } from '../helpers/answer-proxy'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)

const jobsOf = (events: Record<string, unknown>[]): Map<string, Record<string, unknown>> =>
  new Map(events.filter((e) => e['event'] === 'job').map((e) => [String(e['file']), e]))

// Issue 19 item 2: a 2 GB answer failed after payment, and the next run bought the photo again blindly.
test('a paid 2 GB answer is refused at the provider edge and remembered: the rerun does not buy it again unasked (Buy again does)', async () => {
  const work = tempDir('proofsheet-huge-answer-')
  const photos = await makePhotos(join(work, 'in'), 3)
  let answers = 0
  // Only the first paid answer is swapped for a runaway one.
  const proxy = await answerProxy(sim.current.urls.photoroom.sdk, () => ++answers === 1)
  try {
    const env = { ...simulatorEnv(sim.current, join(work, 'state')), PHOTOROOM_SDK_URL: proxy.url }
    const args = (extra: string[] = []): string[] => ['--provider', 'photoroom', '--operation', 'remove-background', '--concurrency', '1', '--json', ...extra, '--out', join(work, 'out'), join(work, 'in')]
    sim.current.resetStats()

    const first = await runCli(args(), env)
    expect(proxy.replaced).toBe(1)
    expect(proxy.sentBytes).toBeLessThan(1024 ** 3)
    expect(summaryOf(first.events).counts).toMatchObject({ done: 2, failed: 1 })
    const lost = [...jobsOf(first.events).values()].find((job) => job['state'] === 'failed')!
    expect(lost['reason']).toMatch(/more than 200 MB/)
    expect(sim.current.stats().providers.photoroom.charged).toBe(3)

    const rerun = await runCli(args(), env)
    expect(summaryOf(rerun.events).counts).toMatchObject({ reused: 2, failed: 1, done: 0 })
    expect(jobsOf(rerun.events).get(String(lost['file']))).toMatchObject({ state: 'failed', canBuyAgain: true, reason: expect.stringMatching(/^Bought before, but no result was kept: .*more than 200 MB.*Not bought again unless you ask/) })
    // No photo charged twice across the failed run and the rerun.
    expect(sim.current.stats().providers.photoroom.charged).toBe(3)
    expect(sim.current.requests('photoroom').filter((r) => r.path === '/v1/segment')).toHaveLength(photos.length)

    const again = await runCli(args(['--buy-again']), env)
    expect(summaryOf(again.events).counts).toMatchObject({ done: 1, reused: 2 })
    const bought = jobsOf(again.events).get(String(lost['file']))!
    expect(existsSync((bought['outputs'] as string[])[0]!)).toBe(true)
    expect(sim.current.stats().providers.photoroom.charged).toBe(4)
  } finally {
    await proxy.close()
  }
})
