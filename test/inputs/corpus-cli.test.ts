import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import sharp from 'sharp'
import { expect, test } from 'vitest'
import { collect, runCli, simulatorEnv, startCli } from '../helpers/cli'
import type { Job } from '../../src/shared/jobs'
import { CORPUS, CORPUS_DONE, CORPUS_OUTCOMES, heavyPng, outcomeOf, oversizeJpeg, writeCorpus, type Outcome } from '../helpers/corpus'
import { tempDir } from '../helpers/photos'
import { centrePixel } from '../helpers/exif-preview'
import { productPhoto } from '../helpers/images'
import { NO_LIMITS, useSimulator, withSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)

/** The last word on each file: its state, and its reason or notes. */
function outcomes(events: Record<string, unknown>[]): Record<string, Outcome> {
  const byName: Record<string, Outcome> = {}
  for (const e of events) if (e['event'] === 'job') byName[basename(String(e['file']))] = outcomeOf(e as unknown as Job)
  return byName
}

const editRequests = (): number => sim.current.stats().providers.photoroom.byPath['/v2/edit'] ?? 0
const refused = (): number => Object.entries(sim.current.stats().providers.photoroom.byStatus).reduce((n, [status, count]) => (status.startsWith('4') ? n + count : n), 0)

test('a folder of every odd class through Photoroom edit: a result for each photo that can have one, a reason for each other, nothing sent that would fail', async () => {
  const work = tempDir()
  const dir = join(work, 'shoot')
  await writeCorpus(dir)
  const before = { sent: editRequests(), refused: refused() }
  const run = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--json', '--out', join(work, 'out'), dir], simulatorEnv(sim.current, join(work, 'state')))
  expect(run.code, run.stderr).toBe(0)
  const seen = outcomes(run.events)
  expect(seen).toEqual({ ...CORPUS_OUTCOMES, 'whole-disk': { state: 'skipped', reason: 'a link that leads outside the added folder (links are followed only inside it)' } })

  expect(editRequests() - before.sent).toBe(CORPUS_DONE)
  expect(refused() - before.refused).toBe(0)
  expect(await sharp(join(work, 'out', 'shoot', 'oversize.png')).metadata()).toMatchObject({ width: 6000, height: 4000 })
}, 120_000)

test('with --no-fit an oversize photo is skipped with the reason and nothing is sent', async () => {
  const work = tempDir()
  mkdirSync(join(work, 'shoot'))
  writeFileSync(join(work, 'shoot', CORPUS.oversize), await oversizeJpeg())
  const before = editRequests()
  const run = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--no-fit', '--json', '--out', join(work, 'out'), join(work, 'shoot', CORPUS.oversize)], simulatorEnv(sim.current, join(work, 'state')))
  expect(outcomes(run.events)[CORPUS.oversize]).toEqual({
    state: 'skipped',
    reason: "the image is 7000x4667; Photoroom edit takes at most 6000 px on the long side (fitting oversize photos to the provider's limits is turned off)"
  })
  expect(editRequests()).toBe(before)
}, 60_000)

test('a photo over the byte limit is re-encoded until it fits, and says so', async () => {
  const work = tempDir()
  mkdirSync(join(work, 'shoot'))
  const heavy = await heavyPng()
  expect(heavy.length).toBeGreaterThan(25 * 1024 * 1024)
  writeFileSync(join(work, 'shoot', 'heavy.png'), heavy)
  const sent = (): number => sim.current.stats().providers.pixelcut.byPath['/v1/remove-background'] ?? 0
  const before = sent()
  const run = await runCli(['--provider', 'pixelcut', '--json', '--out', join(work, 'out'), join(work, 'shoot')], simulatorEnv(sim.current, join(work, 'state')))
  expect(run.code, run.stderr).toBe(0)
  const heavyOutcome = outcomes(run.events)['heavy.png']
  expect(heavyOutcome?.state).toBe('done')
  expect(heavyOutcome?.notes?.[0]).toMatch(/^re-encoded as JPEG at \d+\.\d MB to fit the provider's 25 MB limit$/)
  expect(sent() - before).toBe(1)
}, 120_000)

test('the bytes hashed are the bytes sent: a photo replaced while it waits its turn is sent as it was checked', async () => {
  await withSimulator({ ...NO_LIMITS, profiles: { ...NO_LIMITS.profiles, photoroom: { ...NO_LIMITS.profiles.photoroom, latencyMs: 1500 } } }, async (slow) => {
    const work = tempDir()
    const dir = join(work, 'shoot')
    mkdirSync(dir)
    writeFileSync(join(dir, 'a.jpg'), await productPhoto({ subject: '#c03020' }))
    writeFileSync(join(dir, 'b.jpg'), await productPhoto({ subject: '#c03020', width: 401 }))
    const child = startCli(['--provider', 'photoroom', '--operation', 'edit', '--concurrency', '1', '--json', '--out', join(work, 'out'), dir], simulatorEnv(slow, join(work, 'state')))
    const finished = collect(child)
    // One request at a time and a slow server: b is checked and waiting while a is sent; then it changes.
    await new Promise<void>((ready) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().split('\n').some((line) => line.includes('"state":"ready"') && line.includes('b.jpg'))) ready()
      })
    })
    writeFileSync(join(dir, 'b.jpg'), await productPhoto({ subject: '#2030c0', width: 401 }))
    const run = await finished
    expect(run.code, run.stderr).toBe(0)
    const centre = await centrePixel(readFileSync(join(work, 'out', 'shoot', 'b.png')))
    expect(centre.r).toBeGreaterThan(150)
    expect(centre.b).toBeLessThan(80)
  })
}, 60_000)

test("a RAW file added without its JPEG is sent as that JPEG, and the job says so", async () => {
  const work = tempDir()
  const dir = join(work, 'shoot')
  await writeCorpus(dir)
  const before = editRequests()
  const run = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--json', '--out', join(work, 'out'), join(dir, CORPUS.rawPair)], simulatorEnv(sim.current, join(work, 'state')))
  expect(run.code, run.stderr).toBe(0)
  expect(outcomes(run.events)[CORPUS.rawPair]).toEqual({ state: 'done', notes: ["sent IMG_0001.JPG, the camera's JPEG or HEIC of this RAW file (no provider takes RAW)"] })
  expect(editRequests() - before).toBe(1)
}, 60_000)
