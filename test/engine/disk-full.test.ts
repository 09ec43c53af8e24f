import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'
import { canMountTmpfs, fillDisk, mountTmpfs, noisyPhotos, unmount } from '../helpers/tmpfs'

/*
 * Issue 19 item 2: with the state folder nearly full, "0 done, 3 failed — ENOSPC", and after freeing
 * space 6 charges for 3 photos. A full disk is made for real: a small tmpfs mounted for the test
 * (root or CAP_SYS_ADMIN is needed; without it these tests say so and are skipped).
 */
const sim = useSimulator(NO_LIMITS)
const mounted: string[] = []
afterEach(() => {
  for (const dir of mounted.splice(0)) unmount(dir)
})

/** Room for journal lines, locks and the name book; a result (a cut-out of noise, over a megabyte) does not fit. */
const ROOM = 96 * 1024

const charges = (): number => sim.current.stats().providers.photoroom.charged

/** Requests per photo over the whole test: no photo may be bought twice. */
function requestsPerPhoto(): Map<string, number> {
  const per = new Map<string, number>()
  for (const request of sim.current.requests('photoroom')) {
    const name = request.files[0]?.filename
    if (request.path === '/v1/segment' && name) per.set(name, (per.get(name) ?? 0) + 1)
  }
  return per
}

const jobsOf = (events: Record<string, unknown>[]): Map<string, Record<string, unknown>> =>
  new Map(events.filter((e) => e['event'] === 'job').map((e) => [String(e['file']), e]))

function disk(work: string, name: string): string {
  const dir = join(work, name)
  mountTmpfs(dir, 32 * 1024 * 1024)
  mounted.push(dir)
  return dir
}

const args = (work: string, out: string, extra: string[] = []): string[] => ['--provider', 'photoroom', '--operation', 'remove-background', '--concurrency', '1', '--json', ...extra, '--out', out, join(work, 'in')]

describe.skipIf(!canMountTmpfs())('a full disk never loses a paid answer (issue 19 item 2; a tmpfs of 32 MB, filled)', () => {
  it('a full state folder: each paid result is written to the output first and noted on the journal; reruns (full, then freed) buy nothing again', async () => {
    const work = tempDir('proofsheet-state-full-')
    const state = disk(work, 'state')
    const filler = fillDisk(state, ROOM)
    const photos = await noisyPhotos(join(work, 'in'), 3)
    const out = join(work, 'out')
    const env = simulatorEnv(sim.current, state)
    sim.current.resetStats()

    const first = await runCli(args(work, out), env)
    expect(summaryOf(first.events).counts).toMatchObject({ done: 3, failed: 0 })
    expect(first.code).toBe(0)
    expect(readdirSync(join(out, 'in')).sort()).toEqual(['noise-1.png', 'noise-2.png', 'noise-3.png'])
    expect(first.events.some((e) => e['event'] === 'notice' && /could not keep its own copy/.test(String(e['message'])))).toBe(true)
    expect(charges()).toBe(3)

    const stillFull = await runCli(args(work, out), env)
    expect(summaryOf(stillFull.events).counts).toMatchObject({ reused: 3, done: 0 })
    rmSync(filler)
    const freed = await runCli(args(work, out), env)
    expect(summaryOf(freed.events).counts).toMatchObject({ reused: 3, done: 0 })

    expect(charges()).toBe(3)
    expect([...requestsPerPhoto().values()]).toEqual(photos.map(() => 1))
  })

  it('nothing can be written anywhere: the photo says "paid; could not be saved: disk full", the run stops (exit 6) rather than buy more, and the rerun buys only what was never bought', async () => {
    const work = tempDir('proofsheet-all-full-')
    const shared = disk(work, 'disk')
    const state = join(shared, 'state')
    const out = join(shared, 'out')
    const filler = fillDisk(shared, ROOM)
    await noisyPhotos(join(work, 'in'), 3)
    const env = simulatorEnv(sim.current, state)
    sim.current.resetStats()

    const first = await runCli(args(work, out), env)
    const summary = summaryOf(first.events)
    expect(first.code).toBe(6)
    expect(summary).toMatchObject({ stoppedBecause: 'not-saved', counts: { failed: 1, blocked: 2, done: 0 } })
    const lost = [...jobsOf(first.events).values()].find((job) => job['state'] === 'failed')!
    expect(lost['reason']).toMatch(/paid; could not be saved: disk full/i)
    expect(charges()).toBe(1)

    rmSync(filler)
    const rerun = await runCli(args(work, out), env)
    expect(summaryOf(rerun.events).counts).toMatchObject({ done: 2, failed: 1 })
    const asked = jobsOf(rerun.events).get(String(lost['file']))!
    expect(asked).toMatchObject({ state: 'failed', canBuyAgain: true })
    expect(asked['reason']).toMatch(/Bought before, but its answer could not be saved anywhere\. Not bought again unless you ask/)
    expect(charges()).toBe(3)
    expect([...requestsPerPhoto().values()]).toEqual([1, 1, 1])

    // Bought again only when asked.
    const again = await runCli(args(work, out, ['--buy-again']), env)
    expect(summaryOf(again.events).counts).toMatchObject({ done: 1, reused: 2 })
    expect(charges()).toBe(4)
    const bought = jobsOf(again.events).get(String(lost['file']))!
    expect(bought['state']).toBe('done')
    expect(existsSync((bought['outputs'] as string[])[0]!)).toBe(true)
  })
})
