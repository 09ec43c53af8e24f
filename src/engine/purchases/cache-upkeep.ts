import { readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../files/atomic-write'
import { withKeyLock } from './key-lock'
import type { CachedResult } from './result-cache'

/** Image bytes kept in the state folder before the oldest are pruned. */
export const DEFAULT_CACHE_MAX_BYTES = 5 * 1024 ** 3

interface Entry {
  key: string
  dir: string
  storedAt: number
  bytes: number
}

async function entries(resultsDir: string): Promise<Entry[]> {
  const found: Entry[] = []
  for (const shard of await readdir(resultsDir).catch(() => [] as string[])) {
    if (shard.startsWith('.')) continue
    for (const key of await readdir(join(resultsDir, shard)).catch(() => [] as string[])) {
      const dir = join(resultsDir, shard, key)
      const manifest = await readFile(join(dir, 'result.json'), 'utf8')
        .then((text) => JSON.parse(text) as CachedResult & { pruned?: boolean })
        .catch(() => null)
      if (!manifest || manifest.pruned) continue
      const info = await stat(join(dir, 'result.json'))
      found.push({ key, dir, storedAt: info.mtimeMs, bytes: manifest.outputs.reduce((sum, o) => sum + (o.bytes ?? 0), 0) })
    }
  }
  return found
}

/** How much the kept images take. */
export async function cacheUsage(resultsDir: string): Promise<{ bytes: number; results: number }> {
  const all = await entries(resultsDir)
  return { bytes: all.reduce((sum, e) => sum + e.bytes, 0), results: all.length }
}

/**
 * Removes image bytes, oldest first, until at most `maxBytes` remain (0 clears them all). The record
 * of each purchase stays: its manifest is kept, marked pruned, so what was bought is never forgotten;
 * a pruned photo asked for again is bought again. Each entry is pruned under its key's lock, so no run
 * is storing it meanwhile.
 */
export async function pruneCache(stateDir: string, maxBytes: number): Promise<{ freedBytes: number }> {
  const resultsDir = join(stateDir, 'results')
  const all = (await entries(resultsDir)).sort((a, b) => a.storedAt - b.storedAt)
  let total = all.reduce((sum, e) => sum + e.bytes, 0)
  let freedBytes = 0
  for (const entry of all) {
    if (total <= maxBytes) break
    await withKeyLock(join(stateDir, 'locks'), entry.key, async () => {
      const manifest = JSON.parse(await readFile(join(entry.dir, 'result.json'), 'utf8')) as CachedResult
      await writeFileAtomic(join(entry.dir, 'result.json'), JSON.stringify({ ...manifest, pruned: true }))
      await Promise.all(manifest.outputs.map((o) => rm(join(entry.dir, o.file), { force: true })))
    })
    total -= entry.bytes
    freedBytes += entry.bytes
  }
  return { freedBytes }
}
