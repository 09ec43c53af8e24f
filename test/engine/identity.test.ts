import { utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Batch, findOperation, type BatchEvent, type BatchInput, type PhotoFacts } from '../../src/engine'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'
import { makePhotos, tempDir } from '../helpers/photos'

const sim = useSimulator(NO_LIMITS)

async function run(work: string, inputs: BatchInput[]): Promise<BatchEvent[]> {
  const batch = new Batch({
    inputs,
    operation: findOperation('photoroom', 'remove-background')!,
    values: {},
    outDir: join(work, 'out'),
    apiKey: DEMO_KEYS.photoroom,
    urls: sim.current.urls,
    stateDir: join(work, 'state'),
    concurrency: 4,
    requestsPerSecond: 200
  })
  const events: BatchEvent[] = []
  batch.on('event', (e) => events.push(e))
  await batch.run()
  return events
}

const finalJobs = (events: BatchEvent[]): Map<string, Extract<BatchEvent, { type: 'job' }>['job']> =>
  new Map(events.flatMap((e) => (e.type === 'job' ? [[e.job.ref, e.job] as const] : [])))
const learnt = (events: BatchEvent[]): Map<string, PhotoFacts> => new Map(events.flatMap((e) => (e.type === 'checked' ? [[e.ref, e.facts] as const] : [])))

describe('photos keep the caller’s identity through the engine', () => {
  it('reports every job under the caller’s ref with its job key, and hands back what it learnt of each file', async () => {
    const work = tempDir()
    const [a, b] = await makePhotos(join(work, 'in'), 2)
    const events = await run(work, [
      { path: a!, ref: 'photo-7', outputDir: '' },
      { path: b!, ref: 'photo-9', outputDir: 'day-2' }
    ])
    const jobs = finalJobs(events)
    expect([...jobs.keys()].sort()).toEqual(['photo-7', 'photo-9'])
    expect(jobs.get('photo-7')).toMatchObject({ state: 'done', file: a, key: expect.stringMatching(/^[0-9a-f]{40}$/) })
    expect(jobs.get('photo-9')?.outputs?.[0]).toBe(join(work, 'out', 'day-2', 'photo-02.png'))
    expect(learnt(events).get('photo-7')).toMatchObject({ format: 'jpeg', width: 320, height: 240, orientation: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })

  it('looks at a file again only when its size or time changed since the caller saw it', async () => {
    const work = tempDir()
    const [a, b] = await makePhotos(join(work, 'in'), 2)
    const first = learnt(await run(work, [{ path: a!, ref: 'a', outputDir: '' }, { path: b!, ref: 'b', outputDir: '' }]))
    const charged = sim.current.stats().providers.photoroom.charged

    // b is touched after the caller looked: only b is read again.
    utimesSync(b!, new Date(), new Date(Date.now() + 5_000))
    const second = await run(work, [
      { path: a!, ref: 'a', outputDir: '', known: first.get('a') },
      { path: b!, ref: 'b', outputDir: '', known: first.get('b') }
    ])
    expect([...learnt(second).keys()]).toEqual(['b'])
    expect(finalJobs(second).get('a')?.state).toBe('reused')
    expect(finalJobs(second).get('b')?.state).toBe('reused')
    expect(sim.current.stats().providers.photoroom.charged).toBe(charged)
  })
})
