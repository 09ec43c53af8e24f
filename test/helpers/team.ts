import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Simulator } from '../../src/simulator/server'
import { collect, runCli, simulatorEnv, type CliRun } from './cli'
import { makePhotos, tempDir } from './photos'
import { startRedis, type PrivateRedis } from './redis'
import { withSimulator } from './simulator'

const WORKER_CLI = resolve(__dirname, '../../out/cli/worker.mjs')

/** A team's shared pieces in one temporary folder: the shared results folder and each machine's own state. */
export interface Team {
  work: string
  /** The photos (`withTeam` makes them) and the output folder the seats ask for. */
  input: string
  out: string
  results: string
  redisUrl: string
  sim: Simulator
}

export function team(work: string, redisUrl: string, sim: Simulator): Team {
  const results = join(work, 'results')
  mkdirSync(results, { recursive: true })
  return { work, input: join(work, 'in'), out: join(work, 'out'), results, redisUrl, sim }
}

/** A test's own team: a private Redis, the simulator at the team's limits and `photos` photos in a temporary folder. */
export async function withTeam(photos: number, body: (t: Team, redis: PrivateRedis) => Promise<void>): Promise<void> {
  const redis = await startRedis()
  try {
    await withSimulator(TEAM_LIMITS, async (sim) => {
      const t = team(tempDir(), redis.url, sim)
      await makePhotos(t.input, photos)
      await body(t, redis)
    })
  } finally {
    await redis.stop()
  }
}

export interface RunningWorker {
  child: ChildProcess
  /** What it printed so far. */
  stderr(): string
  exited: Promise<CliRun>
}

/** A worker process, as `npm run worker` starts it, with its own state folder; `--lease` short so a killed one's photos come back soon. */
export function startWorker(t: Team, name: string, args: string[] = []): RunningWorker {
  const env = simulatorEnv(t.sim, join(t.work, `state-${name}`))
  const child = spawn(process.execPath, [WORKER_CLI, '--queue', t.redisUrl, '--results-dir', t.results, '--lease', '4', ...args], { env: { ...env, INIT_CWD: t.work }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = collect(child)
  return { child, stderr: () => stderr, exited }
}

/** How long a worker's Ctrl-C may take before the test kills it (one waiting on a Redis that is gone never ends). */
const STOP_WITHIN_MS = 15_000

/** Stops a worker as Ctrl-C does, and waits for it; one still there after STOP_WITHIN_MS is killed, so a failing test ends. */
export async function stopWorker(worker: RunningWorker): Promise<CliRun> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGINT')
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), STOP_WITHIN_MS)
  const run = await worker.exited
  clearTimeout(timer)
  return run
}

/** `batch --queue`: a seat enqueueing photos and following them, as `npm run batch` runs it. */
export function runSeat(t: Team, seat: string, input: string, out: string, args: string[] = []): Promise<CliRun> {
  return runCli(['--queue', t.redisUrl, '--provider', 'pixelcut', '--operation', 'remove-background', '--json', '--out', out, ...args, input], simulatorEnv(t.sim, join(t.work, `state-${seat}`)))
}

/** The simulator as the team meets it: 5 requests a second and 4 at once for the account, 100–300 ms answers. */
export const TEAM_LIMITS = {
  profiles: { pixelcut: { rateLimit: { requests: 5, windowMs: 1000 }, maxInFlight: 4, latencyMs: 100, latencyJitterMs: 200, retryAfter: false } }
} as const
