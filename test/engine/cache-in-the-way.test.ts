import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, vi } from 'vitest'
import { ResultCache } from '../../src/engine/purchases/result-cache'
import { tempDir } from '../helpers/photos'

const refused = vi.hoisted(() => ({ path: '' }))

// As Windows answers a rename onto, or away from, a folder something holds open: EPERM.
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>()
  const rename = async (from: string, to: string): Promise<void> => {
    if (refused.path && (from === refused.path || to === refused.path)) throw Object.assign(new Error(`EPERM: operation not permitted, rename '${from}' -> '${to}'`), { code: 'EPERM' })
    return fs.rename(from, to)
  }
  return { ...fs, rename, default: { ...fs, rename } }
})

test('a damaged entry that cannot be moved out of the way fails the put: the result is never taken for stored (issue 16 review)', async () => {
  const dir = tempDir()
  const cache = new ResultCache(dir)
  const key = 'ab'.repeat(32)
  const final = join(dir, key.slice(0, 2), key)
  // A damaged entry: its manifest names a file that is not there.
  mkdirSync(final, { recursive: true })
  writeFileSync(join(final, 'result.json'), JSON.stringify({ outputs: [{ file: '1.png', extension: 'png', bytes: 9 }], metadata: {}, warnings: [] }))
  refused.path = final
  await expect(cache.put(key, [{ bytes: Buffer.from('paid'), extension: 'png' }], {}, [])).rejects.toThrow(/EPERM/)
  expect(await cache.get(key)).toBeNull()
  // Nothing of ours is left half stored beside it.
  expect(readdirSync(dir).filter((name) => name.startsWith('.incoming-'))).toEqual([])
  refused.path = ''
  // Once it can be moved, the next put replaces it.
  const stored = await cache.put(key, [{ bytes: Buffer.from('paid'), extension: 'png' }], {}, [])
  expect(stored.outputs[0]?.bytes).toBe(4)
  expect(await cache.get(key)).not.toBeNull()
})
