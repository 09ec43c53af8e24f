import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStateDir } from '../../src/engine/state-dir'
import { makeBatch } from '../helpers/batch'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
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
      const again = await runCli(args, env)
      expect(summaryOf(again.events).counts).toMatchObject({ done: 3, reused: 0 })
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
