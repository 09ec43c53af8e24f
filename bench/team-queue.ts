import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { urlsToEnv } from '../src/engine'
import { DEMO_KEYS } from '../src/simulator/options'
import { startRedis } from '../test/helpers/redis'
import { startSimulatorProcess } from './simulator-process'

const ROOT = resolve(import.meta.dirname, '..')
const CLI = join(ROOT, 'out/cli')
/** The account: 5 requests a second and 4 at once, 100–300 ms answers, no Retry-After. */
const RATE = 5

export interface TeamFigure {
  makespanS: number
  idealS: number
  ratio: number
  limitedShare: number
  peakInFlight: number
}

/** A worker process as `npm run worker` starts it; resolves once it says it is working. */
async function startWorker(env: Record<string, string>, args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(CLI, 'worker.mjs'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  await new Promise<void>((ready, fail) => {
    let said = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      if (said.includes('Working on the team queue')) ready()
    })
    child.once('exit', (code) => fail(new Error(`a worker exited with ${code}: ${said}`)))
  })
  return child
}

/**
 * N photos enqueued by one `batch --queue` and done by `workers` worker processes sharing one limit
 * through a private Redis. The makespan runs from the seat's start to its exit, the workers already
 * waiting; ideal = N / 5 s, what the shared limit allows.
 */
export async function teamQueueSchedule(work: string, photos: string[], label: number, workers: number): Promise<TeamFigure> {
  execFileSync(process.execPath, [join(ROOT, 'src/cli/build.mjs'), '--if-stale'], { stdio: 'inherit' })
  const redis = await startRedis()
  const sim = await startSimulatorProcess(work, label, {
    accounts: { pixelcut: [{ key: DEMO_KEYS.pixelcut, label: 'bench', balance: 1e9 }] },
    profiles: { pixelcut: { latencyMs: 100, latencyJitterMs: 200, rateLimit: { requests: RATE, windowMs: 1000 }, retryAfter: false, maxInFlight: 4 } }
  })
  const results = join(work, `team-results-${label}`)
  mkdirSync(results, { recursive: true })
  const env = (name: string): Record<string, string> => ({ PATH: process.env['PATH'] ?? '', HOME: work, PIXELCUT_API_KEY: DEMO_KEYS.pixelcut, PROOFSHEET_STATE_DIR: join(work, `team-state-${label}-${name}`), ...urlsToEnv(sim.urls) })
  const running: ChildProcess[] = []
  try {
    for (let i = 0; i < workers; i++) running.push(await startWorker(env(`worker-${i}`), ['--queue', redis.url, '--results-dir', results]))
    const args = [join(CLI, 'batch.mjs'), '--queue', redis.url, '--provider', 'pixelcut', '--operation', 'remove-background', '--json', '--out', join(work, `team-out-${label}`), ...photos]
    const started = performance.now()
    const code = await new Promise<number | null>((done) => spawn(process.execPath, args, { env: env('seat'), stdio: 'ignore' }).on('exit', done))
    const makespanS = (performance.now() - started) / 1000
    if (code !== 0) throw new Error(`batch --queue exited with ${code}`)
    const stats = (await sim.stats()).providers['pixelcut'] as { byStatus: Record<string, number>; byPath: Record<string, number>; peakInFlight?: number }
    const idealS = photos.length / RATE
    return { makespanS, idealS, ratio: makespanS / idealS, limitedShare: (stats.byStatus['429'] ?? 0) / (stats.byPath['/v1/remove-background'] ?? 1), peakInFlight: stats.peakInFlight ?? 0 }
  } finally {
    await Promise.all(running.map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : (child.once('exit', done), child.kill('SIGINT'))))))
    await sim.stop()
    await redis.stop()
  }
}
