import { createHash } from 'node:crypto'
import { access, stat } from 'node:fs/promises'
import { join } from 'node:path'
import PQueue from 'p-queue'
import { writeFileAtomic } from '../../engine'

/**
 * Images made from other files (previews, differences), cached on disk by what they are made of: the
 * sources' paths, sizes and modification times, and the kind. Each is made once however many ask at
 * the same time, a few at a time; the pixel work itself runs on libuv's pool (sharp).
 */
export class RenderCache {
  private readonly work = new PQueue({ concurrency: 2 })
  private readonly pending = new Map<string, Promise<string>>()

  constructor(
    private readonly dir: string,
    private readonly extension: string
  ) {}

  async pathFor(kind: string, sources: string[], render: () => Promise<Buffer>): Promise<string> {
    const identity = await Promise.all(sources.map(async (source) => {
      const info = await stat(source)
      return `${source}\0${info.size}\0${info.mtimeMs}`
    }))
    const id = createHash('sha256').update([kind, ...identity].join('\0\0')).digest('hex').slice(0, 32)
    const target = join(this.dir, `${id}.${this.extension}`)
    if (await exists(target)) return target
    const running = this.pending.get(target)
    if (running) return running
    const made = this.work
      .add(async () => {
        await writeFileAtomic(target, await render())
        return target
      })
      .finally(() => this.pending.delete(target)) as Promise<string>
    this.pending.set(target, made)
    return made
  }
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false
  )
}
