import { openAsBlob } from 'node:fs'
import { basename, join } from 'node:path'
import PQueue from 'p-queue'
import { Agent, FormData, request } from 'undici'
import { Batch, findOperation, inputsFromPaths } from '../src/engine'
import { DEMO_KEYS } from '../src/simulator/options'
import { startSimulatorProcess } from './simulator-process'

const CONCURRENCY = 8

/** The least any client must do: post each file, read the answer, nothing else. */
async function bareLoop(url: string, photos: string[]): Promise<number> {
  const dispatcher = new Agent({ connections: CONCURRENCY })
  const queue = new PQueue({ concurrency: CONCURRENCY })
  const started = performance.now()
  await Promise.all(
    photos.map((path) =>
      queue.add(async () => {
        const form = new FormData()
        form.append('image_file', await openAsBlob(path), basename(path))
        const response = await request(`${url}/v1/segment`, { method: 'POST', body: form, headers: { 'x-api-key': DEMO_KEYS.photoroom }, dispatcher })
        await response.body.arrayBuffer()
        if (response.statusCode !== 200) throw new Error(`bare loop got ${response.statusCode}`)
      })
    )
  )
  await dispatcher.close()
  return photos.length / ((performance.now() - started) / 1000)
}

/**
 * Engine throughput ÷ bare-loop throughput against a zero-latency simulator: what checking files,
 * hashing, journaling, caching and writing outputs atomically cost on top of the HTTP itself.
 */
export async function pipelineOverhead(work: string, photos: string[], label: number): Promise<{ engine: number; bare: number; ratio: number }> {
  const sim = await startSimulatorProcess(work, label, {
    accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }] },
    profiles: { photoroom: { rateLimit: null, retryAfter: true } }
  })
  try {
    await bareLoop(sim.urls.photoroom.sdk, photos.slice(0, 20))
    const bare = await bareLoop(sim.urls.photoroom.sdk, photos)
    const operation = findOperation('photoroom', 'remove-background')
    if (!operation) throw new Error('no remove-background')
    const batch = new Batch({
      inputs: await inputsFromPaths(photos),
      operation,
      values: {},
      outDir: join(work, 'out-pipeline'),
      apiKey: DEMO_KEYS.photoroom,
      urls: sim.urls,
      stateDir: join(work, 'state-pipeline'),
      concurrency: CONCURRENCY,
      requestsPerSecond: 100_000
    })
    const started = performance.now()
    const summary = await batch.run()
    const engine = summary.counts.done / ((performance.now() - started) / 1000)
    return { engine, bare, ratio: engine / bare }
  } finally {
    await sim.stop()
  }
}
