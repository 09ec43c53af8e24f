import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { DEMO_KEYS } from '../src/simulator/options'
import { bundled } from './bundled'
import { startSimulatorProcess } from './simulator-process'

const ROOT = resolve(import.meta.dirname, '..')

async function peakRss(folder: string, work: string, label: string, urls: object): Promise<{ done: number; maxRssKb: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [await bundled('bench/memory-child.ts'), folder, join(work, `out-${label}`), join(work, `state-${label}`), JSON.stringify(urls)],
    { cwd: ROOT, maxBuffer: 1 << 20 }
  )
  return JSON.parse(stdout) as { done: number; maxRssKb: number }
}

/** Peak RSS of a large run ÷ a small one, each in a fresh process: memory must not grow with the batch. */
export async function memoryGrowth(work: string, small: string, large: string, label: number): Promise<{ smallMb: number; largeMb: number; ratio: number }> {
  const sim = await startSimulatorProcess(work, label, {
    accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }] },
    profiles: { photoroom: { rateLimit: null, retryAfter: true } }
  })
  try {
    const a = await peakRss(small, work, 'small', sim.urls)
    const b = await peakRss(large, work, 'large', sim.urls)
    return { smallMb: a.maxRssKb / 1024, largeMb: b.maxRssKb / 1024, ratio: b.maxRssKb / a.maxRssKb }
  } finally {
    await sim.stop()
  }
}
