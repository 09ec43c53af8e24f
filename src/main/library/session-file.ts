import { readFile, rename } from 'node:fs/promises'
import { z } from 'zod'
import { imageEntrySchema, jobUpdateSchema, presetSchema } from '../../shared/ipc/contract'
import { writeFileAtomic } from '../../engine/files/atomic-write'

export const sessionSchema = z.object({
  version: z.literal(1),
  preset: presetSchema,
  images: z.array(imageEntrySchema),
  /** The last job of each image and where its results were written (main only; the renderer gets counts). */
  jobs: z.array(jobUpdateSchema.extend({ outputPaths: z.array(z.string()).optional() }))
})

export type Session = z.output<typeof sessionSchema>

/**
 * The open library on disk, replaced atomically on every change, so a crash or power cut leaves either
 * the previous session or the new one. A file that cannot be read is set aside, never overwritten.
 */
export class SessionFile {
  private writing: Promise<void> = Promise.resolve()

  constructor(readonly path: string) {}

  async load(): Promise<{ session: Session | null; problem?: string }> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch {
      return { session: null }
    }
    const parsed = sessionSchema.safeParse(safeJson(text))
    if (parsed.success) return { session: parsed.data }
    const aside = `${this.path}.unreadable-${Date.now()}`
    await rename(this.path, aside)
    return { session: null, problem: `The last session could not be read and was kept as ${aside}; starting with an empty library.` }
  }

  /** Writes are chained so an older snapshot can never land after a newer one. */
  save(session: Session): Promise<void> {
    const text = JSON.stringify(session)
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.path, text))
    return this.writing
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
