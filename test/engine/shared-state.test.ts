import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Purchases } from '../../src/engine/purchases/purchases'
import { SpendLedger } from '../../src/engine/purchases/spend-ledger'
import { makeBatch } from '../helpers/batch'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { withSimulator } from '../helpers/simulator'
import { makePhotos, tempDir } from '../helpers/photos'

const SLOW = { profiles: { pixelcut: { rateLimit: null, retryAfter: false, latencyMs: 150 } } }

function entries(state: string): string[] {
  const results = join(state, 'results')
  return readdirSync(results, { recursive: true }).map(String)
}

describe('shared state is safe', () => {
  it('two batches on one state folder at once buy each photo once, and both deliver every photo', async () => {
    await withSimulator(SLOW, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 8)
      const a = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { outDir: join(work, 'out-a') })
      const b = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { outDir: join(work, 'out-b') })
      const [first, second] = await Promise.all([a.batch.run(), b.batch.run()])
      expect(first.counts.done + first.counts.reused).toBe(8)
      expect(second.counts.done + second.counts.reused).toBe(8)
      expect(sim.stats().providers.pixelcut.charged).toBe(8)
      expect(readdirSync(join(work, 'out-a'))).toHaveLength(8)
      expect(readdirSync(join(work, 'out-b'))).toHaveLength(8)
      expect(entries(join(work, 'state')).filter((e) => e.startsWith('.incoming-'))).toEqual([])
    })
  })

  it('two CLI processes on one state folder at once buy each photo once', async () => {
    await withSimulator(SLOW, async (sim) => {
      const work = tempDir()
      await makePhotos(join(work, 'in'), 6)
      const env = simulatorEnv(sim, join(work, 'state'))
      const args = (out: string): string[] => ['--provider', 'pixelcut', '--json', '--out', join(work, out), join(work, 'in')]
      const runs = await Promise.all([runCli(args('out-a'), env), runCli(args('out-b'), env)])
      for (const run of runs) {
        expect(run.code, run.stderr).toBe(0)
        const counts = summaryOf(run.events).counts
        expect(counts['done']! + counts['reused']!).toBe(6)
      }
      expect(sim.stats().providers.pixelcut.charged).toBe(6)
    })
  })

  it('a cache entry whose image is missing is the record of its purchase: the photo is found again in its unchanged output, and bought again (stored whole) only when asked', async () => {
    await withSimulator(SLOW, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      await (await makeBatch(sim, work, photos, 'pixelcut', 'remove-background')).batch.run()
      const image = entries(join(work, 'state')).find((e) => e.endsWith('.png'))!
      rmSync(join(work, 'state', 'results', image))
      const found = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { outDir: join(work, 'out-2') })
      expect((await found.batch.run()).counts.reused).toBe(1)
      rmSync(join(work, 'out'), { recursive: true })
      rmSync(join(work, 'out-2'), { recursive: true })
      const asked = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { outDir: join(work, 'out-3') })
      expect((await asked.batch.run()).counts.failed).toBe(1)
      expect(asked.batch.snapshot[0]).toMatchObject({ canBuyAgain: true })
      const again = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { outDir: join(work, 'out-3'), buyAgain: true })
      expect((await again.batch.run()).counts.done).toBe(1)
      expect(existsSync(join(work, 'state', 'results', image))).toBe(true)
      const third = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, { outDir: join(work, 'out-4') })
      expect((await third.batch.run()).counts.reused).toBe(1)
      expect(sim.stats().providers.pixelcut.charged).toBe(2)
    })
  })

  it('opening removes only temp entries whose writer is provably gone', async () => {
    const state = tempDir()
    const results = join(state, 'results')
    const dead = spawn(process.execPath, ['-e', ''])
    await new Promise((done) => dead.on('exit', done))
    const { hostname } = await import('node:os')
    const host = hostname().replace(/[^\w-]/g, '_')
    const live = `.incoming-${host}.${process.pid}.abcd1234`
    const abandoned = `.incoming-${host}.${dead.pid}.abcd1234`
    const elsewhere = `.incoming-other-machine.${dead.pid}.abcd1234`
    for (const name of [live, abandoned, elsewhere]) mkdirSync(join(results, name), { recursive: true })
    await (await Purchases.open(state)).close()
    expect(readdirSync(results).sort()).toEqual([live, elsewhere].sort())
  })

  it('two ledgers on one state folder adding at once lose nothing', async () => {
    const state = tempDir()
    const one = new SpendLedger(state)
    const two = new SpendLedger(state)
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).add('phota', 1)))
    expect(await new SpendLedger(state).total('phota')).toBe(20)
    expect(JSON.parse(readFileSync(join(state, 'spend.json'), 'utf8'))).toEqual({ phota: 20 })
  })
})
