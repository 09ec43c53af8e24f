import { openAsBlob } from 'node:fs'
import { basename, join } from 'node:path'
import PQueue from 'p-queue'
import { Agent, FormData, request } from 'undici'
import { Batch, findOperation, inputsFromPaths, type ProviderUrls } from '../src/engine'
import { DEMO_KEYS } from '../src/simulator/options'
import { startSimulatorProcess } from './simulator-process'

const CONCURRENCY = 8
const ROUNDS = 3

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

/** This process's CPU time so far, in ms (all its threads: the thread pool's file work included). */
function cpuMs(): number {
  const { userCPUTime, systemCPUTime } = process.resourceUsage()
  return (userCPUTime + systemCPUTime) / 1000
}

/** `run`'s throughput, and the CPU this process spent a photo on it: a figure steadier than time on a shared machine. */
async function measured(photos: number, run: () => Promise<number>): Promise<{ rate: number; cpuMs: number }> {
  const before = cpuMs()
  const rate = await run()
  return { rate, cpuMs: (cpuMs() - before) / photos }
}

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

/** The engine's throughput on `photos`, from a fresh batch (its account check, journal and pool included) to its end. */
async function engineRun(urls: ProviderUrls, photos: string[], dir: string): Promise<number> {
  const operation = findOperation('photoroom', 'remove-background')
  if (!operation) throw new Error('no remove-background')
  const batch = new Batch({
    inputs: await inputsFromPaths(photos),
    operation,
    values: {},
    outDir: join(dir, 'out'),
    apiKey: DEMO_KEYS.photoroom,
    urls,
    stateDir: join(dir, 'state'),
    concurrency: CONCURRENCY,
    requestsPerSecond: 100_000
  })
  const started = performance.now()
  const summary = await batch.run()
  return summary.counts.done / ((performance.now() - started) / 1000)
}

/**
 * Engine throughput ÷ bare-loop throughput against a zero-latency simulator: what checking files,
 * hashing, journaling, caching and writing outputs atomically cost on top of the HTTP itself. Each is
 * warmed first on other photos (compiled code, connections), so neither pays its first run's cost;
 * then they take turns, and the medians are compared: the two share the simulator's two cores, whose
 * pace drifts from one second to the next.
 */
export async function pipelineOverhead(work: string, photos: string[], warmUp: string[], label: number): Promise<{ engine: number; bare: number; ratio: number; engineCpuMs: number; bareCpuMs: number }> {
  const sim = await startSimulatorProcess(work, label, {
    accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }] },
    profiles: { photoroom: { rateLimit: null, retryAfter: true } }
  })
  try {
    await bareLoop(sim.urls.photoroom.sdk, warmUp)
    await engineRun(sim.urls, warmUp, join(work, 'pipeline-warm-up'))
    const bare: { rate: number; cpuMs: number }[] = []
    const engine: { rate: number; cpuMs: number }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await measured(photos.length, () => bareLoop(sim.urls.photoroom.sdk, photos)))
      // A state folder of its own each time: every photo is bought again, none found in the cache.
      engine.push(await measured(photos.length, () => engineRun(sim.urls, photos, join(work, `pipeline-${round}`))))
    }
    const rate = (runs: { rate: number }[]): number => median(runs.map((r) => r.rate))
    const cpu = (runs: { cpuMs: number }[]): number => median(runs.map((r) => r.cpuMs))
    return { engine: rate(engine), bare: rate(bare), ratio: rate(engine) / rate(bare), engineCpuMs: cpu(engine), bareCpuMs: cpu(bare) }
  } finally {
    await sim.stop()
  }
}
