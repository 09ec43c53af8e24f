import { join } from 'node:path'
import { Batch, findOperation, inputsFromPaths, type ProviderId } from '../src/engine'
import { DEMO_KEYS } from '../src/simulator/options'
import { startSimulatorProcess } from './simulator-process'

export interface ScheduleFigure {
  profile: string
  makespanS: number
  idealS: number
  ratio: number
  rateLimitedShare: number
  /** Which limit each 429 hit. */
  limitedBy: { rate: number; inFlight: number }
}

/**
 * N images against a provider with `latencyMs`, `rate` req/s and `inFlight` at once.
 * ideal = max(N / rate, N × latency / inFlight); ratio = makespan / ideal.
 */
export async function scheduleEfficiency(work: string, photos: string[], port: number, provider: ProviderId, label: string, rate: number, retryAfter: boolean): Promise<ScheduleFigure> {
  const latencyMs = 200
  const inFlight = 8
  const sim = await startSimulatorProcess(work, port, {
    accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }], pixelcut: [{ key: DEMO_KEYS.pixelcut, label: 'bench', balance: 1e9 }] },
    profiles: { [provider]: { latencyMs, rateLimit: { requests: rate, windowMs: 1000 }, retryAfter, maxInFlight: inFlight } }
  })
  try {
    const operation = findOperation(provider, 'remove-background')
    if (!operation) throw new Error('no remove-background')
    const batch = new Batch({
      inputs: await inputsFromPaths(photos),
      operation,
      values: {},
      outDir: join(work, `out-${label}`),
      apiKey: provider === 'photoroom' ? DEMO_KEYS.photoroom : DEMO_KEYS.pixelcut,
      urls: sim.urls,
      stateDir: join(work, `state-${label}`),
      concurrency: inFlight,
      requestsPerSecond: rate
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
    const idealS = Math.max(photos.length / rate, (photos.length * latencyMs) / 1000 / inFlight)
    return { profile: label, makespanS, idealS, ratio: makespanS / idealS, rateLimitedShare: limited / operations, limitedBy: stats?.limited ?? { rate: 0, inFlight: 0 } }
  } finally {
    await sim.stop()
  }
}
