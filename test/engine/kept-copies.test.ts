import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { keepCopies } from '../../src/engine'
import { pruneCache } from '../../src/engine/purchases/cache-upkeep'
import { makeBatch } from '../helpers/batch'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)

test('copies are whole files named by the purchase, made once; none can be made on a disk that refuses them', () => {
  const dir = tempDir('proofsheet-kept-')
  const output = join(dir, 'a.png')
  writeFileSync(output, 'the result')
  const [kept] = keepCopies(join(dir, 'variants'), 'key-1', [output])!
  expect(keepCopies(join(dir, 'variants'), 'key-1', [output])).toEqual([kept])
  expect(readFileSync(kept!, 'utf8')).toBe('the result')
  expect(readdirSync(join(dir, 'variants'))).toHaveLength(1)
  // A file where the folder should be: no copies, and no throw.
  writeFileSync(join(dir, 'blocked'), '')
  expect(keepCopies(join(dir, 'blocked', 'variants'), 'key-1', [output])).toBeNull()
})

test('a photo paid for and written is done even when its copy cannot be kept', async () => {
  const work = tempDir('proofsheet-kept-batch-')
  writeFileSync(join(work, 'blocked'), '')
  const photos = await makePhotos(join(work, 'in'), 1)
  const { batch } = await makeBatch(sim.current, work, photos, 'photoroom', 'remove-background', {}, { keepCopiesIn: join(work, 'blocked', 'variants') })
  expect((await batch.run()).counts).toMatchObject({ done: 1 })
})

test('the copy is remembered as a place the purchase is found again once pruned, however many places it was written to since', async () => {
  const work = tempDir('proofsheet-kept-found-')
  const photos = await makePhotos(join(work, 'in'), 1)
  const variants = join(work, 'variants')
  await (await makeBatch(sim.current, work, photos, 'photoroom', 'remove-background', {}, { keepCopiesIn: variants })).batch.run()
  // Written to a dozen more folders by runs that keep no copies (the CLI): the copy is still remembered.
  for (let i = 0; i < 12; i++) await (await makeBatch(sim.current, work, photos, 'photoroom', 'remove-background', {}, { outDir: join(work, `out-${i}`) })).batch.run()
  await pruneCache(join(work, 'state'), 0)
  // And every output file deleted since: only the copy is left.
  for (const folder of readdirSync(work).filter((f) => f.startsWith('out'))) rmSync(join(work, folder), { recursive: true })
  const requests = sim.current.stats().providers.photoroom.byPath['/v1/segment']
  const again = await makeBatch(sim.current, work, photos, 'photoroom', 'remove-background', {}, { keepCopiesIn: variants, outDir: join(work, 'fresh') })
  expect((await again.batch.run()).counts).toMatchObject({ reused: 1 })
  expect(sim.current.stats().providers.photoroom.byPath['/v1/segment']).toBe(requests)
})
