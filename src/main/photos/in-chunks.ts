import { setImmediate as yieldToEvents } from 'node:timers/promises'

/** Photos handled per stretch of main's time when the window names many (a select-all can name 100,000). */
export const ID_CHUNK = 2_000

/** Runs `work` over `items` a chunk at a time, giving main's event loop a turn between chunks. */
export async function inChunks<T>(items: readonly T[], work: (chunk: T[]) => void, size = ID_CHUNK): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    if (i) await yieldToEvents()
    work(items.slice(i, i + size))
  }
}
