import { execFileSync, spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { findOperation, inputsFromPaths, MemoryWorkStore, planItems, PROVIDERS, urlsToEnv, Worker, type WorkItem } from '../src/engine'
import { FINAL_STATES } from '../src/shared/jobs'
import { DEMO_KEYS } from '../src/simulator/options'
import { startSimulatorProcess } from './simulator-process'

const ROOT = resolve(import.meta.dirname, '..')
const CLI = join(ROOT, 'out/cli/batch.mjs')

function buildCli(): void {
  execFileSync(process.execPath, [join(ROOT, 'src/cli/build.mjs'), '--if-stale'], { stdio: 'inherit' })
}

/** `node out/cli/batch.mjs --help`, as `npm run batch -- --help` runs it after npm: the median of `runs` starts, in ms. */
export function helpTime(runs = 7): number {
  buildCli()
  const times = Array.from({ length: runs }, () => {
    const started = performance.now()
    execFileSync(process.execPath, [CLI, '--help'], { stdio: 'ignore' })
    return performance.now() - started
  }).sort((a, b) => a - b)
  return times[Math.floor(runs / 2)]!
}

/**
 * The command line from its start to its exit, limit unknown: 30 photos, a server allowing 5 req/s
 * and 4 at once with 100–300 ms answers and no Retry-After, `--concurrency 16`, Photoroom's published
 * 500/min as the ceiling. Ideal: max(30 / 5, 30 × 0.2 s / 4) = 6 s.
 */
export async function cliSchedule(work: string, photos: string[], label: number): Promise<{ seconds: number; idealS: number; ratio: number; limitedShare: number }> {
  buildCli()
  const sim = await startSimulatorProcess(work, label, {
    accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }] },
    profiles: { photoroom: { latencyMs: 100, latencyJitterMs: 200, rateLimit: { requests: 5, windowMs: 1000 }, retryAfter: false, maxInFlight: 4 } }
  })
  try {
    const env = { PATH: process.env['PATH'] ?? '', HOME: work, PHOTOROOM_API_KEY: DEMO_KEYS.photoroom, PROOFSHEET_STATE_DIR: join(work, `cli-state-${label}`), ...urlsToEnv(sim.urls) }
    const args = [CLI, '--provider', 'photoroom', '--operation', 'remove-background', '--concurrency', '16', '--json', '--out', join(work, `cli-out-${label}`), ...photos]
    const started = performance.now()
    const code = await new Promise<number | null>((done) => spawn(process.execPath, args, { env, stdio: 'ignore' }).on('exit', done))
    const seconds = (performance.now() - started) / 1000
    if (code !== 0) throw new Error(`the CLI exited with ${code}`)
    const stats = (await sim.stats()).providers['photoroom']!
    const idealS = Math.max(photos.length / 5, (photos.length * 0.2) / 4)
    return { seconds, idealS, ratio: seconds / idealS, limitedShare: (stats.byStatus['429'] ?? 0) / (stats.byPath['/v1/segment'] ?? 1) }
  } finally {
    await sim.stop()
  }
}

/** One run of 6 photos with 6 different parameter sets through the app's worker: its account checks and HTTP pools. */
export async function startupWork(work: string, photos: string[], label: number): Promise<{ accountRequests: number; httpPools: number; images: number }> {
  const sim = await startSimulatorProcess(work, label, { accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }] }, profiles: { photoroom: { rateLimit: null, retryAfter: true } } })
  try {
    const store = new MemoryWorkStore()
    const worker = new Worker({ store, stateDir: join(work, `startup-state-${label}`), urls: sim.urls, keyFor: async () => DEMO_KEYS.photoroom, limits: (p) => PROVIDERS.find((d) => d.id === p)!.limits })
    await worker.start()
    const operation = findOperation('photoroom', 'edit')!
    const groups = (await inputsFromPaths(photos.slice(0, 6))).map((input, i) => ({ operation, values: { 'background.color': ['FFFFFF', 'FF0000', '00FF00', '0000FF', '111111', '222222'][i] }, inputs: [input] }))
    const ended = new Promise<void>((done) => {
      const seen = new Map<string, WorkItem>()
      store.changes((items) => {
        for (const item of items) seen.set(item.id, item)
        if (seen.size === 6 && [...seen.values()].every((item) => FINAL_STATES.has(item.job.state))) done()
      })
    })
    await store.enqueue(await planItems(groups, { run: 'bench', outDir: join(work, `startup-out-${label}`), stateDir: join(work, `startup-state-${label}`) }))
    await ended
    await worker.close()
    const done = (await store.counts()).done ?? 0
    if (done !== 6) throw new Error(`start-up work: only ${done} of 6 photos done`)
    const stats = (await sim.stats()).providers['photoroom']!
    // Photoroom's account check reads the balance the run spends: /v2/account for an edit's images (/v1/account for credits).
    return { accountRequests: (stats.byPath['/v1/account'] ?? 0) + (stats.byPath['/v2/account'] ?? 0), httpPools: worker.sessionsOpened, images: stats.byPath['/v2/edit'] ?? 0 }
  } finally {
    await sim.stop()
  }
}
