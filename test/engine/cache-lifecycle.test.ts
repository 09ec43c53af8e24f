import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Batch, BatchOptions } from '../../src/engine'
import { pruneCache } from '../../src/engine/purchases/cache-upkeep'
import { openStateDir } from '../../src/engine/state-dir'
import { makeBatch } from '../helpers/batch'
import { finalStates, runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { NO_LIMITS, withSimulator } from '../helpers/simulator'
import { makePhotos, tempDir } from '../helpers/photos'

const manifests = (state: string): { pruned?: boolean }[] =>
  readdirSync(join(state, 'results'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('result.json'))
    .map((f) => JSON.parse(readFileSync(join(state, 'results', f), 'utf8')) as { pruned?: boolean })

describe('the cache of kept results', () => {
  it('`cache` shows the size, `cache --clear` clears the bytes and keeps the purchase records', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      await makePhotos(join(work, 'in'), 3)
      const state = join(work, 'state')
      const env = simulatorEnv(sim, state)
      const args = ['--provider', 'pixelcut', '--json', '--out', join(work, 'out'), join(work, 'in')]
      expect((await runCli(args, env)).code).toBe(0)
      const shown = await runCli(['cache'], env)
      expect(shown.stdout).toMatch(new RegExp(`^3 kept results, \\d+\\.\\d MB, in ${state}\\.`))
      const cleared = await runCli(['cache', '--clear'], env)
      expect(cleared.code).toBe(0)
      expect(cleared.stdout).toMatch(/Cleared .* Purchase records are kept\./)
      expect(manifests(state)).toHaveLength(3)
      expect(manifests(state).every((m) => m.pruned)).toBe(true)
      // Nothing is bought again: the output files written from those results are still there, unchanged.
      const charged = sim.stats().providers.pixelcut.charged
      const again = await runCli(args, env)
      expect(summaryOf(again.events).counts).toMatchObject({ done: 0, reused: 3 })
      expect(sim.stats().providers.pixelcut.charged).toBe(charged)

      // One output file gone: that photo fails with the reason, unpaid, until --buy-again asks for it.
      rmSync(join(work, 'out', 'in', 'photo-02.png'))
      const refused = await runCli(args, env)
      expect(refused.code).toBe(1)
      expect(summaryOf(refused.events).counts).toMatchObject({ reused: 2, failed: 1 })
      expect(finalStates(refused.events).get(join(work, 'in', 'photo-02.jpg'))).toBe('failed')
      expect(refused.events.some((e) => e['canBuyAgain'] === true)).toBe(true)
      // Read by a person, the line names the flag that asks.
      const told = await runCli(args.filter((a) => a !== '--json'), env)
      expect(told.stderr).toContain('is gone or changed. Not bought again unless you ask to buy it again. (--buy-again pays for it once more)')
      expect(sim.stats().providers.pixelcut.charged).toBe(charged)
      const bought = await runCli([...args, '--buy-again'], env)
      expect(bought.code).toBe(0)
      expect(summaryOf(bought.events).counts).toMatchObject({ done: 1, reused: 2 })
      expect(sim.stats().providers.pixelcut.charged).toBe(charged + 1)
    })
  })

  it('a pruned result is reused from an output file written from it while that file is unchanged, wherever it was written', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 2)
      const state = join(work, 'state')
      const run = async (overrides: Partial<BatchOptions> = {}): Promise<Batch> => {
        const { batch } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background', {}, overrides)
        await batch.run()
        return batch
      }
      await run()
      const out = join(work, 'out')
      const first = readFileSync(join(out, 'photo-01.png'))
      await pruneCache(state, 0)
      expect(manifests(state).every((m) => m.pruned)).toBe(true)

      expect((await run()).snapshot.map((j) => j.state)).toEqual(['reused', 'reused'])
      // Into another output folder: copied from where it was written before.
      const elsewhere = join(work, 'elsewhere')
      expect((await run({ outDir: elsewhere })).snapshot.map((j) => j.state)).toEqual(['reused', 'reused'])
      expect(readFileSync(join(elsewhere, 'photo-01.png'))).toEqual(first)
      expect(sim.stats().providers.pixelcut.charged).toBe(2)

      // Changed in both places, same size: not the result any more, and never bought again silently.
      const changed = Buffer.from(first)
      changed[changed.length - 1]! ^= 0xff
      for (const dir of [out, elsewhere]) writeFileSync(join(dir, 'photo-01.png'), changed)
      const refused = await run()
      expect(refused.snapshot.map((j) => j.state)).toEqual(['failed', 'reused'])
      expect(refused.snapshot[0]!.reason).toBe(
        'Bought before, but its result was pruned from the cache and its output file photo-01.png is gone or changed. Not bought again unless you ask to buy it again.'
      )
      // The window offers Buy again; the command line names its flag.
      expect(refused.snapshot[0]!.canBuyAgain).toBe(true)
      expect(readFileSync(join(out, 'photo-01.png'))).toEqual(changed)
      expect(sim.stats().providers.pixelcut.charged).toBe(2)

      expect((await run({ buyAgain: true })).snapshot.map((j) => j.state)).toEqual(['done', 'reused'])
      expect(sim.stats().providers.pixelcut.charged).toBe(3)
    })
  })

  it('prunes the oldest image bytes above the cap when a batch starts', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 3)
      await (await makeBatch(sim, work, photos.slice(0, 2), 'pixelcut', 'remove-background')).batch.run()
      const { batch } = await makeBatch(sim, work, photos.slice(2), 'pixelcut', 'remove-background', {}, { cacheMaxBytes: 1 })
      expect((await batch.run()).counts.done).toBe(1)
      const kept = manifests(join(work, 'state'))
      expect(kept).toHaveLength(3)
      // The two earlier results are pruned at start; the one bought by this run is kept.
      expect(kept.filter((m) => m.pruned)).toHaveLength(2)
    })
  })

  it('moves the state folder out of the OS cache folder the first time', async () => {
    const home = tempDir()
    const env = { XDG_CACHE_HOME: join(home, 'cache'), XDG_STATE_HOME: join(home, 'state') }
    mkdirSync(join(home, 'cache', 'proofsheet', 'results'), { recursive: true })
    writeFileSync(join(home, 'cache', 'proofsheet', 'spend.json'), '{"phota":3}')
    const dir = await openStateDir(env, 'linux')
    expect(dir).toBe(join(home, 'state', 'proofsheet'))
    expect(readFileSync(join(dir, 'spend.json'), 'utf8')).toBe('{"phota":3}')
    expect(existsSync(join(home, 'cache', 'proofsheet'))).toBe(false)
    expect(await openStateDir({ ...env, PROOFSHEET_STATE_DIR: join(home, 'mine') }, 'linux')).toBe(join(home, 'mine'))
  })
})
