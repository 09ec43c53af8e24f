import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findOperation } from '../../src/engine'
import { canonicalParams } from '../../src/engine/purchases/canonical-params'
import { hashFile, jobKey } from '../../src/engine/purchases/job-key'
import { ResultCache } from '../../src/engine/purchases/result-cache'
import type { ParamValues } from '../../src/shared/operations'
import { makeBatch } from '../helpers/batch'
import { DEMO_KEYS, NO_LIMITS, withSimulator } from '../helpers/simulator'
import { makePhotos, tempDir } from '../helpers/photos'

describe('the job key is the purchase', () => {
  it('a sandbox result is never reused for a live key, and the live one is not reused for the sandbox', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 2)
      const sandbox = await makeBatch(sim, work, photos, 'photoroom', 'edit', {}, { apiKey: DEMO_KEYS.photoroomSandbox })
      expect((await sandbox.batch.run()).counts.done).toBe(2)
      expect(sim.stats().providers.photoroom.charged).toBe(0)

      const live = await makeBatch(sim, work, photos, 'photoroom', 'edit')
      expect((await live.batch.run()).counts).toMatchObject({ done: 2, reused: 0 })
      expect(sim.stats().providers.photoroom.charged).toBe(10)

      const liveAgain = await makeBatch(sim, work, photos, 'photoroom', 'edit')
      expect((await liveAgain.batch.run()).counts).toMatchObject({ reused: 2 })
      expect(sim.stats().providers.photoroom.charged).toBe(10)
    })
  })

  it('results bought from one server are not reused against another', async () => {
    const work = tempDir()
    const photos = await makePhotos(join(work, 'in'), 2)
    for (const expected of [2, 2]) {
      await withSimulator(NO_LIMITS, async (sim) => {
        const { batch } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background')
        expect((await batch.run()).counts.done).toBe(2)
        expect(sim.stats().providers.pixelcut.charged).toBe(expected)
      })
    }
  })

  it.each<[string, 'photoroom' | 'phota', string, ParamValues, ParamValues]>([
    ['an explicit default and the default model header', 'photoroom', 'edit', {}, { 'export.format': 'png', 'pr-ai-background-model-version': '3' }],
    ['a documented synonym', 'photoroom', 'edit', { 'export.format': 'jpeg' }, { 'export.format': 'jpg' }],
    ['explicit defaults of other types', 'photoroom', 'edit', { padding: 0.1 }, { padding: 0.1, removeBackground: true }],
    ['a delivery-only option', 'phota', 'edit', { prompt: 'warm light' }, { prompt: 'warm light', response_mode: 'urls' }]
  ])('%s buys nothing again', async (_what, provider, operation, first, second) => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 2)
      const before = await makeBatch(sim, work, photos, provider, operation, first)
      expect((await before.batch.run()).counts.done).toBe(2)
      const charged = sim.stats().providers[provider].charged
      const after = await makeBatch(sim, work, photos, provider, operation, second, { outDir: join(work, 'out-2') })
      expect((await after.batch.run()).counts).toMatchObject({ reused: 2, done: 0 })
      expect(sim.stats().providers[provider].charged).toBe(charged)
    })
  })

  it('reads values given as text as their schema’s type before keying them', () => {
    const operation = findOperation('photoroom', 'edit')!
    expect(canonicalParams(operation, { 'background.seed': '42', padding: '0.1', removeBackground: 'true' })).toEqual({ 'background.seed': 42, padding: 0.1 })
  })

  it('a different value is a different purchase', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      await (await makeBatch(sim, work, photos, 'photoroom', 'edit', { 'export.format': 'png' })).batch.run()
      const webp = await makeBatch(sim, work, photos, 'photoroom', 'edit', { 'export.format': 'webp' }, { outDir: join(work, 'out-2') })
      expect((await webp.batch.run()).counts.done).toBe(1)
      expect(sim.stats().providers.photoroom.charged).toBe(10)
    })
  })

  it('ignores a cache entry stored under an older key version', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const photos = await makePhotos(join(work, 'in'), 1)
      const operation = findOperation('pixelcut', 'remove-background')!
      // What the previous version keyed this purchase by, holding a result that must not come back.
      const oldKey = jobKey(await hashFile(photos[0]!), operation.id, {})
      await new ResultCache(join(work, 'state', 'results')).put(oldKey, [{ bytes: Buffer.from('stale'), extension: 'png' }], {}, [])
      const { batch } = await makeBatch(sim, work, photos, 'pixelcut', 'remove-background')
      expect((await batch.run()).counts).toMatchObject({ done: 1, reused: 0 })
      expect(sim.stats().providers.pixelcut.charged).toBe(1)
    })
  })
})
