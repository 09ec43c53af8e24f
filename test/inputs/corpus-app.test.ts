import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { expect, test } from 'vitest'
import type { Job } from '../../src/shared/jobs'
import { CORPUS, CORPUS_DONE, heavyPng, outcomeOf, oversizeJpeg, REMOVE_BACKGROUND_OUTCOMES, writeCorpus } from '../helpers/corpus'
import { productPhoto } from '../helpers/images'
import { useTestApps, type TestApp, runEnded } from '../helpers/main-app'
import { confirmedRun } from '../helpers/confirm'
import { centrePixel } from '../helpers/exif-preview'
import { DEMO_KEYS, NO_LIMITS, useSimulator, withSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

const segments = (): number => sim.current.stats().providers.photoroom.byPath['/v1/segment'] ?? 0
const refused = (): number => Object.entries(sim.current.stats().providers.photoroom.byStatus).reduce((n, [status, count]) => (status.startsWith('4') ? n + count : n), 0)

/** Adds `folder`, runs the preset's operation (Photoroom background removal unless set) and returns each file's job. */
async function runFolder(a: TestApp, folder: string, outputFolder: string): Promise<Record<string, Job>> {
  await a.handlers.addPaths({ paths: [folder] })
  await a.photos.settled()
  await a.handlers.updateSettings({ outputFolder })
  await a.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await a.handlers.setKey({ provider: 'pixelcut', key: DEMO_KEYS.pixelcut })
  const idle = a.next('queue', runEnded)
  await confirmedRun(a.handlers, {})
  await idle
  return Object.fromEntries((await a.handlers.getState()).jobs.map((job) => [basename(job.file), job]))
}

test('every odd class added to the app: results where possible, a reason for every other file, nothing sent that would fail', async () => {
  const app = await openApp(sim.current)
  const folder = join(app.dir, 'shoot')
  await writeCorpus(folder)
  const { skipped } = await app.handlers.addPaths({ paths: [folder] })
  expect(skipped).toContainEqual({ path: join(folder, 'whole-disk'), reason: 'a link that leads outside the added folder (links are followed only inside it)' })
  const before = { sent: segments(), refused: refused() }
  const jobs = await runFolder(app, folder, join(app.dir, 'out'))
  expect(Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, outcomeOf(job)]))).toEqual(REMOVE_BACKGROUND_OUTCOMES)
  expect(segments() - before.sent).toBe(CORPUS_DONE)
  expect(refused() - before.refused).toBe(0)
}, 120_000)

test('with "Fit oversize photos" off, an oversize photo is skipped with the reason and not sent', async () => {
  const app = await openApp(sim.current)
  const folder = join(app.dir, 'shoot')
  mkdirSync(folder)
  writeFileSync(join(folder, CORPUS.oversize), await oversizeJpeg())
  await app.handlers.updateSettings({ fitOversize: false })
  const before = segments()
  const jobs = await runFolder(app, folder, join(app.dir, 'out'))
  expect(jobs[CORPUS.oversize]).toMatchObject({
    state: 'skipped',
    reason: "the image is 7000x4667; Photoroom background removal takes at most 6000 px on the long side (fitting oversize photos to the provider's limits is turned off)"
  })
  expect(segments()).toBe(before)
})

test('a photo inside the output folder is skipped with the reason, not sent as a new photo', async () => {
  const app = await openApp(sim.current)
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
  const app = await openApp(sim.current)
  const folder = join(app.dir, 'shoot')
  await writeCorpus(folder)
  const before = segments()
  const jobs = await runFolder(app, join(folder, CORPUS.rawPair), join(app.dir, 'out'))
  expect(jobs[CORPUS.rawPair]).toMatchObject({ state: 'done', notes: ["sent IMG_0001.JPG, the camera's JPEG or HEIC of this RAW file (no provider takes RAW)"] })
  expect(segments() - before).toBe(1)
}, 60_000)

test('a photo over Pixelcut\'s 25 MB is re-encoded until it fits, and the job says so', async () => {
  const app = await openApp(sim.current)
  const folder = join(app.dir, 'shoot')
  mkdirSync(folder)
  writeFileSync(join(folder, 'heavy.png'), await heavyPng())
  await app.handlers.setPreset({ operationId: 'pixelcut.remove-background', values: {} })
  const sent = (): number => sim.current.stats().providers.pixelcut.byPath['/v1/remove-background'] ?? 0
  const before = sent()
  const jobs = await runFolder(app, folder, join(app.dir, 'out'))
  expect(jobs['heavy.png']?.state).toBe('done')
  expect(jobs['heavy.png']?.notes).toEqual([expect.stringMatching(/^re-encoded as JPEG at \d+\.\d MB to fit the provider's 25 MB limit$/)])
  expect(sent() - before).toBe(1)
}, 120_000)

test('the bytes hashed are the bytes sent: a photo replaced while it waits its turn is sent as it was checked', async () => {
  // Slow enough that b is surely checked and waiting (not yet sent) while a is answered, even on a loaded
  // machine: if b were prepared only after a's answer, it would go from queued straight to sending.
  await withSimulator({ ...NO_LIMITS, profiles: { ...NO_LIMITS.profiles, photoroom: { ...NO_LIMITS.profiles.photoroom, latencyMs: 5000 } } }, async (slow) => {
    const app = await openApp(slow)
    const folder = join(app.dir, 'shoot')
    mkdirSync(folder)
    writeFileSync(join(folder, 'a.jpg'), await productPhoto({ subject: '#c03020' }))
    writeFileSync(join(folder, 'b.jpg'), await productPhoto({ subject: '#c03020', width: 401 }))
    await app.handlers.updateSettings({ concurrency: { photoroom: 1 } })
    // One request at a time and a slow server: whichever photo the queue sends second is checked and
    // waiting while the first is sent (either may go first); then the waiting one changes on disk.
    // Updates carry only the jobs that changed: follow both until one is sending and the other ready.
    const states = new Map<string, string>()
    const waiting = app.next('jobs', (jobs) => {
      for (const job of jobs) states.set(basename(job.file), job.state)
      return [...states.values()].includes('sending') && [...states.values()].includes('ready')
    })
    const finished = runFolder(app, folder, join(app.dir, 'out'))
    await waiting
    const name = [...states].find(([, state]) => state === 'ready')?.[0] ?? ''
    writeFileSync(join(folder, name), await productPhoto({ subject: '#2030c0', width: name === 'a.jpg' ? 400 : 401 }))
    expect((await finished)[name]?.state).toBe('done')
    const centre = await centrePixel(readFileSync(join(app.dir, 'out', 'shoot', name.replace('.jpg', '.png'))))
    expect(centre.r).toBeGreaterThan(150)
    expect(centre.b).toBeLessThan(80)
    // Before its simulator goes.
    await app.close()
  })
}, 90_000)
