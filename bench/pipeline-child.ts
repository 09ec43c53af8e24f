import { openAsBlob, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import PQueue from 'p-queue'
import { Agent, FormData, request } from 'undici'
import { Batch, findOperation, inputsFromPaths, type ProviderUrls } from '../src/engine'
import { DEMO_KEYS } from '../src/simulator/options'

/** The pipeline bench's measuring, in a process of its own running the bundled engine (see bundled.ts). Argument: a JSON file with urls, photos, warmUp, work. */
const { urls, photos, warmUp, work } = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as { urls: ProviderUrls; photos: string[]; warmUp: string[]; work: string }

const CONCURRENCY = 8
/** Turns each: one turn's rate moves by a tenth with the simulator's pace; the median of seven pairs much less. */
const ROUNDS = 7

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

/** This process's CPU time so far, in ms (all its threads: the file threads' work included). */
function cpuMs(): number {
  const { userCPUTime, systemCPUTime } = process.resourceUsage()
  return (userCPUTime + systemCPUTime) / 1000
}

/** `run`'s throughput, and the CPU this process spent a photo on it: a figure steadier than time on a shared machine. */
async function measured(count: number, run: () => Promise<number>): Promise<{ rate: number; cpuMs: number }> {
  const before = cpuMs()
  const rate = await run()
  return { rate, cpuMs: (cpuMs() - before) / count }
}

/** The least any client must do: post each file, read the answer, nothing else. */
async function bareLoop(url: string, files: string[]): Promise<number> {
  const dispatcher = new Agent({ connections: CONCURRENCY })
  const queue = new PQueue({ concurrency: CONCURRENCY })
  const started = performance.now()
  await Promise.all(
    files.map((path) =>
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
  return files.length / ((performance.now() - started) / 1000)
}

/** The engine's throughput on `files`, from a fresh batch (its account check, journal and pool included) to its end. */
async function engineRun(files: string[], dir: string): Promise<number> {
  const operation = findOperation('photoroom', 'remove-background')
  if (!operation) throw new Error('no remove-background')
  const batch = new Batch({
    inputs: await inputsFromPaths(files),
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

// Each warmed first on other photos (compiled code, connections), then they take turns; each turn's engine rate is
// compared with the bare rate just before it, so the machine's drift over the minute cancels, and the median is taken.
await bareLoop(urls.photoroom.sdk, warmUp)
await engineRun(warmUp, join(work, 'pipeline-warm-up'))
const bare: { rate: number; cpuMs: number }[] = []
const engine: { rate: number; cpuMs: number }[] = []
for (let round = 0; round < ROUNDS; round++) {
  bare.push(await measured(photos.length, () => bareLoop(urls.photoroom.sdk, photos)))
  // A state folder of its own each time: every photo is bought again, none found in the cache.
  engine.push(await measured(photos.length, () => engineRun(photos, join(work, `pipeline-${round}`))))
}
const rate = (runs: { rate: number }[]): number => median(runs.map((r) => r.rate))
const cpu = (runs: { cpuMs: number }[]): number => median(runs.map((r) => r.cpuMs))
const ratio = median(engine.map((run, i) => run.rate / (bare[i] as { rate: number }).rate))
process.stdout.write(JSON.stringify({ engine: rate(engine), bare: rate(bare), ratio, engineCpuMs: cpu(engine), bareCpuMs: cpu(bare) }))
