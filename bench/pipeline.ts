import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DEMO_KEYS } from '../src/simulator/options'
import { bundled } from './bundled'
import { startSimulatorProcess } from './simulator-process'

export interface PipelineFigures {
  engine: number
  bare: number
  ratio: number
  engineCpuMs: number
  bareCpuMs: number
}

/**
 * Engine throughput ÷ bare-loop throughput against a zero-latency simulator: what checking files,
 * hashing, journaling, caching and writing outputs atomically cost on top of the HTTP itself. Both run
 * in one process of the bundled engine (pipeline-child.ts), each warmed first on other photos, then
 * taking turns; the ratio is the median of each engine turn's against the bare turn before it: the two
 * share the simulator's two cores, whose pace drifts from one second to the next.
 */
export async function pipelineOverhead(work: string, photos: string[], warmUp: string[], label: number): Promise<PipelineFigures> {
  const sim = await startSimulatorProcess(work, label, {
    accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }] },
    profiles: { photoroom: { rateLimit: null, retryAfter: true } }
  })
  try {
    const job = join(work, 'pipeline.json')
    writeFileSync(job, JSON.stringify({ urls: sim.urls, photos, warmUp, work }))
    const { stdout } = await promisify(execFile)(process.execPath, [await bundled('bench/pipeline-child.ts'), job], { maxBuffer: 1 << 20 })
    return JSON.parse(stdout) as PipelineFigures
  } finally {
    await sim.stop()
  }
}
