import { join } from 'node:path'
import { Batch, findOperation, inputsFromPaths, type ProviderId } from '../src/engine'
import { DEMO_KEYS } from '../src/simulator/options'
import { startSimulatorProcess } from './simulator-process'

/** What the simulator enforces and what the engine is told. */
export interface ScheduleScenario {
  provider: ProviderId
  label: string
  latencyMs: number
  /** The server's real limits. */
  server: { requestsPerSecond: number | null; inFlight: number | null; retryAfter: boolean; stall?: number }
  /** What the engine is given: `rateKnown` when the user stated the plan's limit (`--rate`). */
  engine: { concurrency: number; requestsPerSecond: number; rateKnown: boolean }
}

export interface ScheduleFigure {
  makespanS: number
  idealS: number
  ratio: number
  rateLimitedShare: number
  /** Which limit each 429 hit. */
  limitedBy: { rate: number; inFlight: number }
  stalls: number
}

/**
 * N photos through one scenario; ideal = max(N / rate, N × latency / in-flight), the makespan of a
 * client that knew both limits and never met a fault.
 */
export async function scheduleEfficiency(work: string, photos: string[], run: number, scenario: ScheduleScenario): Promise<ScheduleFigure> {
  const { provider, label, latencyMs, server, engine } = scenario
  const sim = await startSimulatorProcess(work, run, {
    accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }], pixelcut: [{ key: DEMO_KEYS.pixelcut, label: 'bench', balance: 1e9 }] },
    profiles: {
      [provider]: {
        latencyMs,
        rateLimit: server.requestsPerSecond === null ? null : { requests: server.requestsPerSecond, windowMs: 1000 },
        retryAfter: server.retryAfter,
        maxInFlight: server.inFlight,
        faults: { stall: server.stall ?? 0 }
      }
    }
  })
  try {
    const operation = findOperation(provider, 'remove-background')
    if (!operation) throw new Error('no remove-background')
    const batch = new Batch({
      inputs: await inputsFromPaths(photos),
      operation,
      values: {},
      outDir: join(work, `out-${run}`),
      apiKey: provider === 'photoroom' ? DEMO_KEYS.photoroom : DEMO_KEYS.pixelcut,
      urls: sim.urls,
      stateDir: join(work, `state-${run}`),
      ...engine
    })
    const started = performance.now()
    const summary = await batch.run()
    const makespanS = (performance.now() - started) / 1000
    if (summary.counts.done !== photos.length) {
      const reasons = batch.snapshot.filter((j) => j.state !== 'done').map((j) => `${j.state}: ${j.reason}`)
      throw new Error(`${label}: only ${summary.counts.done} of ${photos.length} done (${reasons.join('; ')})`)
    }
    const stats = (await sim.stats()).providers[provider]
    const operations = stats?.byPath[provider === 'photoroom' ? '/v1/segment' : '/v1/remove-background'] ?? 0
    const limited = stats?.byStatus['429'] ?? 0
    const rate = server.requestsPerSecond ?? Infinity
    const inFlight = Math.min(server.inFlight ?? Infinity, engine.concurrency)
    const idealS = Math.max(photos.length / rate, (photos.length * latencyMs) / 1000 / inFlight)
    return { makespanS, idealS, ratio: makespanS / idealS, rateLimitedShare: limited / operations, limitedBy: stats?.limited ?? { rate: 0, inFlight: 0 }, stalls: stats?.faults?.stall ?? 0 }
  } finally {
    await sim.stop()
  }
}
