import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { COMPACT_AT_BYTES } from '../../src/engine/purchases/journal-upkeep'
import type { PurchaseOrder } from '../../src/engine/purchases/purchases'

/** A purchase's `send` that is answered with `bytes` as one PNG, journaled and kept as the engine's are; `onSent` counts the requests. */
export function answeredWith(bytes: Buffer, onSent: () => void = () => undefined): PurchaseOrder['send'] {
  return async (sending, _maybeCharged, keep) => {
    await sending()
    onSent()
    const answer = { outputs: [{ extension: 'png', bytes }], metadata: {}, warnings: [] }
    await keep(answer)
    return answer
  }
}

/** A purchase of one photo whose PNG answer is written to `path`, where it was planned to go; `onSent` counts the requests. */
export function orderWritingTo(key: string, path: string, bytes: Buffer, onSent?: () => void): PurchaseOrder {
  const write = async (): Promise<string[]> => {
    writeFileSync(path, bytes)
    return [path]
  }
  return { key, file: '/photos/a.jpg', provider: 'photoroom', amount: 1, destinations: () => [path], write, send: answeredWith(bytes, onSent) }
}

/** The state folder's journal grown past its compaction size with closed records of another photo: the next open rewrites it with only what is still needed. */
export function padJournalPastCompaction(state: string): void {
  const closed = `${JSON.stringify({ at: new Date().toISOString(), key: 'other', file: '/photos/b.jpg', event: 'failed', detail: 'x'.repeat(200) })}\n`
  appendFileSync(join(state, 'journal.ndjson'), closed.repeat(Math.ceil(COMPACT_AT_BYTES / closed.length)))
}
