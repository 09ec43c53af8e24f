import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ProviderOutput } from '../providers/types'

export interface CachedResult {
  outputs: { file: string; extension: string }[]
  metadata: Record<string, string>
  warnings: string[]
}

async function writeSynced(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Every paid result, by job key, kept the moment it arrives. A key's folder appears only complete
 * (written aside, flushed, then renamed into place), so its presence alone means "paid for and saved".
 */
export class ResultCache {
  constructor(private readonly dir: string) {}

  private folder(key: string): string {
    return join(this.dir, key.slice(0, 2), key)
  }

  async get(key: string): Promise<(CachedResult & { dir: string }) | null> {
    const dir = this.folder(key)
    try {
      const meta = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as CachedResult
      return { ...meta, dir }
    } catch {
      return null
    }
  }

  async put(key: string, outputs: ProviderOutput[], metadata: Record<string, string>, warnings: string[]): Promise<CachedResult & { dir: string }> {
    const final = this.folder(key)
    const temp = join(this.dir, `.incoming-${key}-${randomBytes(4).toString('hex')}`)
    await mkdir(temp, { recursive: true })
    const files = outputs.map((o, i) => ({ file: `${i + 1}.${o.extension}`, extension: o.extension }))
    await Promise.all(outputs.map((o, i) => writeSynced(join(temp, files[i]!.file), o.bytes)))
    const meta: CachedResult = { outputs: files, metadata, warnings }
    await writeSynced(join(temp, 'result.json'), JSON.stringify(meta))
    await mkdir(join(final, '..'), { recursive: true })
    try {
      await rename(temp, final)
    } catch (error) {
      await rm(temp, { recursive: true, force: true })
      // Another run stored the same key first; theirs is as good as ours.
      if ((error as { code?: string }).code !== 'ENOTEMPTY' && (error as { code?: string }).code !== 'EEXIST') throw error
    }
    return { ...meta, dir: final }
  }

  /** Leftovers of a run killed while storing a result. */
  async removeIncomplete(): Promise<void> {
    const entries = await readdir(this.dir).catch(() => [] as string[])
    await Promise.all(entries.filter((e) => e.startsWith('.incoming-')).map((e) => rm(join(this.dir, e), { recursive: true, force: true })))
  }
}
