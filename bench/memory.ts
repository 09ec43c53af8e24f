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

/** Fresh processes a size: one process's peak moves by a tenth from run to run (how many photos happen to be in hand at once), the median of three much less. */
const TURNS = 3

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

/** Peak RSS of a large run ÷ a small one, each in fresh processes taking turns, medians compared: memory must not grow with the batch. */
export async function memoryGrowth(work: string, small: string, large: string, label: number): Promise<{ smallMb: number[]; largeMb: number[]; ratio: number }> {
  const sim = await startSimulatorProcess(work, label, {
    accounts: { photoroom: [{ key: DEMO_KEYS.photoroom, label: 'bench', balance: 1e9 }] },
    profiles: { photoroom: { rateLimit: null, retryAfter: true } }
  })
  try {
    const smallMb: number[] = []
    const largeMb: number[] = []
    for (let turn = 0; turn < TURNS; turn++) {
      smallMb.push((await peakRss(small, work, `small-${turn}`, sim.urls)).maxRssKb / 1024)
      largeMb.push((await peakRss(large, work, `large-${turn}`, sim.urls)).maxRssKb / 1024)
    }
    return { smallMb, largeMb, ratio: median(largeMb) / median(smallMb) }
  } finally {
    await sim.stop()
  }
}
