import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import type { Job } from '../../src/shared/jobs'
import { CORPUS, oversizeJpeg, writeCorpus } from '../helpers/corpus'
import { productPhoto } from '../helpers/images'
import { openTestApp, type TestApp } from '../helpers/main-app'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
let app: TestApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const segments = (): number => sim.current.stats().providers.photoroom.byPath['/v1/segment'] ?? 0
const refused = (): number => Object.entries(sim.current.stats().providers.photoroom.byStatus).reduce((n, [status, count]) => (status.startsWith('4') ? n + count : n), 0)

/** Adds `folder`, runs the default operation (Photoroom remove-background) and returns each file's job. */
async function runFolder(a: TestApp, folder: string, outputFolder: string): Promise<Record<string, Job>> {
  await a.handlers.addPaths({ paths: [folder] })
  await a.photos.settled()
  await a.handlers.updateSettings({ outputFolder })
  await a.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const idle = a.next('queue', (q) => q.state === 'idle')
  await a.handlers.startBatch({})
  await idle
  return Object.fromEntries((await a.handlers.getState()).jobs.map((job) => [basename(job.file), job]))
}

test('every odd class added to the app: results where possible, a reason for every other file, nothing sent that would fail', async () => {
  app = await openTestApp(sim.current)
  const folder = join(app.dir, 'shoot')
  await writeCorpus(folder)
  const { skipped } = await app.handlers.addPaths({ paths: [folder] })
  expect(skipped).toContainEqual({ path: join(folder, 'whole-disk'), reason: 'a link that leads outside the added folder (links are followed only inside it)' })
  const before = { sent: segments(), refused: refused() }
  const jobs = await runFolder(app, folder, join(app.dir, 'out'))
  const seen = Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, { state: job.state, ...(job.reason ? { reason: job.reason } : {}), ...(job.notes ? { notes: job.notes } : {}) }]))
  expect(seen).toEqual({
    [CORPUS.oversize]: { state: 'done', notes: ['sent at 6000 × 4000, from 7000 × 4667'] },
    [CORPUS.pixelBomb]: { state: 'skipped', reason: 'the image declares 16000 × 16000 pixels (256 MP); Proofsheet does not open images over 200 MP' },
    [CORPUS.gigaBomb]: { state: 'skipped', reason: 'the image declares 50000 × 50000 pixels (2,500 MP); Proofsheet does not open images over 200 MP' },
    [CORPUS.lyingPng]: { state: 'skipped', reason: 'the image declares 5000 × 5000 pixels, impossible in a file of 66 bytes' },
    [CORPUS.cmyk]: { state: 'done', notes: ['converted from CMYK to sRGB, the only colour space the provider takes'] },
    [CORPUS.sixteenBit]: { state: 'done', notes: ['converted from 16 bits to 8 bits per channel, as the provider takes'] },
    [CORPUS.animatedGif]: { state: 'done', notes: ['an animation of 3 frames: only the first frame was sent', 'sent as PNG, converted from GIF'] },
    [CORPUS.animatedWebp]: { state: 'done', notes: ['an animation of 3 frames: only the first frame was sent'] },
    [CORPUS.plain]: { state: 'done' },
    [CORPUS.brokenHeic]: { state: 'skipped', reason: 'the HEIC image is damaged or uses a variant Proofsheet cannot decode' },
    [CORPUS.rawPair]: { state: 'skipped', reason: 'a RAW file whose IMG_0001.JPG is in this batch too and is sent instead (no provider takes RAW)' },
    [CORPUS.rawPairJpeg]: { state: 'done' },
    [CORPUS.rawBigPreview]: { state: 'done', notes: ['sent the 3000 × 2000 JPEG preview embedded in this RAW file (no provider takes RAW)'] },
    [CORPUS.rawSmallPreview]: {
      state: 'skipped',
      reason: 'a RAW file, which no provider takes: there is no JPEG or HEIC with the same name, and its embedded preview is only 160 × 120 (at least 2000 px on the long side is needed)'
    },
    [CORPUS.rawNoPreview]: {
      state: 'skipped',
      reason: 'a RAW file, which no provider takes: there is no JPEG or HEIC with the same name, and it has no embedded preview Proofsheet can read (at least 2000 px on the long side is needed)'
    }
  })
  expect(segments() - before.sent).toBe(8)
  expect(refused() - before.refused).toBe(0)
}, 120_000)

test('with "Fit oversize photos" off, an oversize photo is skipped with the reason and not sent', async () => {
  app = await openTestApp(sim.current)
  const folder = join(app.dir, 'shoot')
  mkdirSync(folder)
  writeFileSync(join(folder, CORPUS.oversize), await oversizeJpeg())
  await app.handlers.updateSettings({ fitOversize: false })
  const before = segments()
  const jobs = await runFolder(app, folder, join(app.dir, 'out'))
  expect(jobs[CORPUS.oversize]).toMatchObject({
    state: 'skipped',
    reason: "the image is 7000x4667; Photoroom remove-background takes at most 6000 px on the long side (fitting oversize photos to the provider's limits is turned off)"
  })
  expect(segments()).toBe(before)
})

test('a photo inside the output folder is skipped with the reason, not sent as a new photo', async () => {
  app = await openTestApp(sim.current)
  const folder = join(app.dir, 'shoot')
  mkdirSync(join(folder, 'results'), { recursive: true })
  writeFileSync(join(folder, 'new.jpg'), await productPhoto())
  writeFileSync(join(folder, 'results', 'earlier.jpg'), await productPhoto({ subject: '#2030c0' }))
  const before = segments()
  const jobs = await runFolder(app, folder, join(folder, 'results'))
  expect(jobs['earlier.jpg']).toMatchObject({ state: 'skipped', reason: "inside the output folder: Proofsheet's own results are not sent again" })
  expect(jobs['new.jpg']).toMatchObject({ state: 'done' })
  expect(segments() - before).toBe(1)
})

test('a RAW file added on its own is sent as its JPEG sibling, and the job says so', async () => {
  app = await openTestApp(sim.current)
  const folder = join(app.dir, 'shoot')
  await writeCorpus(folder)
  const before = segments()
  const jobs = await runFolder(app, join(folder, CORPUS.rawPair), join(app.dir, 'out'))
  expect(jobs[CORPUS.rawPair]).toMatchObject({ state: 'done', notes: ["sent IMG_0001.JPG, the camera's JPEG or HEIC of this RAW file (no provider takes RAW)"] })
  expect(segments() - before).toBe(1)
}, 60_000)
