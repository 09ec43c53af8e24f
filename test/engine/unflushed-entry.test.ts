import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { COMPACT_AT_BYTES } from '../../src/engine/purchases/journal-upkeep'
import { Purchases, type PurchaseOrder } from '../../src/engine/purchases/purchases'
import { productPhoto } from '../helpers/images'
import { orderWritingTo } from '../helpers/paid-answer'
import { tempDir } from '../helpers/photos'

// Hex, as a real purchase key is: compaction keeps journal lines by it.
const KEY = 'ab12'

interface Setup {
  state: string
  out: string
  bytes: Buffer
  sent: () => number
  order: (extra?: Partial<PurchaseOrder>) => PurchaseOrder
}

async function setup(): Promise<Setup> {
  const state = join(tempDir(), 'state')
  const out = join(tempDir(), 'out')
  mkdirSync(out)
  const bytes = await productPhoto({ format: 'png' })
  let sent = 0
  const order = (extra: Partial<PurchaseOrder> = {}): PurchaseOrder => ({ ...orderWritingTo(KEY, join(out, 'a.png'), bytes, () => sent++), ...extra })
  return { state, out, bytes, sent: () => sent, order }
}

const entry = (state: string): string => join(state, 'results', KEY.slice(0, 2), KEY)
const manifest = (state: string): Record<string, unknown> => JSON.parse(readFileSync(join(entry(state), 'result.json'), 'utf8')) as Record<string, unknown>

/** The journal grown past its compaction size, so the next open rewrites it with only what is still needed. */
function padJournal(state: string): void {
  const closed = `${JSON.stringify({ at: new Date().toISOString(), key: 'other', file: '/photos/b.jpg', event: 'failed', detail: 'x'.repeat(200) })}\n`
  appendFileSync(join(state, 'journal.ndjson'), closed.repeat(Math.ceil(COMPACT_AT_BYTES / closed.length)))
}

async function boughtOnce(s: Setup): Promise<void> {
  const first = await Purchases.open(s.state)
  await first.buy(s.order())
  await first.close()
}

test('a result written where it belongs and noted is cached without flushing; torn before the disk wrote it back, it is found where it was written, not bought again', async () => {
  const s = await setup()
  await boughtOnce(s)
  expect(manifest(s.state)).toMatchObject({ key: KEY, unflushed: true })
  // A power cut before write-back: the file keeps its length, its blocks never written.
  writeFileSync(join(entry(s.state), '1.png'), Buffer.alloc(s.bytes.length))
  padJournal(s.state)

  const next = await Purchases.open(s.state)
  // Recent and unflushed, the entry is not yet proof of the purchase: the journal keeps its record.
  expect(readFileSync(join(s.state, 'journal.ndjson'), 'utf8')).toContain(`"${KEY}"`)
  const reused = await next.buy(s.order())
  expect(reused.outputs[0]?.file).toBe(join(s.out, 'a.png'))
  expect(readFileSync(reused.outputs[0]!.file)).toEqual(Buffer.from(s.bytes))
  expect(s.sent()).toBe(1)
  await next.close()
})

test('an unflushed entry whose manifest was torn leaves the purchase on the journal through compaction', async () => {
  const s = await setup()
  await boughtOnce(s)
  writeFileSync(join(entry(s.state), 'result.json'), Buffer.alloc(300))
  padJournal(s.state)

  const next = await Purchases.open(s.state)
  expect(readFileSync(join(s.state, 'journal.ndjson'), 'utf8')).toContain(`"${KEY}"`)
  await expect(next.buy(s.order())).resolves.toMatchObject({ outputs: [{ file: join(s.out, 'a.png') }] })
  expect(s.sent()).toBe(1)
  await next.close()
})

test('an unflushed entry older than any write-back is proof enough: compaction lets its journal record go', async () => {
  const s = await setup()
  await boughtOnce(s)
  const journal = join(s.state, 'journal.ndjson')
  const anHourAgo = new Date(Date.now() - 61 * 60 * 1000).toISOString()
  writeFileSync(journal, readFileSync(journal, 'utf8').replace(/"at":"[^"]+"/g, `"at":"${anHourAgo}"`))
  padJournal(s.state)

  const next = await Purchases.open(s.state)
  expect(readFileSync(journal, 'utf8')).not.toContain(`"${KEY}"`)
  await expect(next.buy(s.order())).resolves.toMatchObject({ dir: entry(s.state) })
  expect(s.sent()).toBe(1)
  await next.close()
})

test('a result that could not be written where it belongs is cached flushed: the entry is its only copy', async () => {
  const s = await setup()
  const purchases = await Purchases.open(s.state)
  const refused = Object.assign(new Error('refused'), { code: 'EACCES' })
  await purchases.buy(s.order({ write: () => Promise.reject(refused) }))
  await purchases.close()
  expect(manifest(s.state)).toMatchObject({ key: KEY })
  expect(manifest(s.state)).not.toHaveProperty('unflushed')
})

/** The journal's `received` records, oldest first. */
function receivedRecords(state: string): { outputs: { path: string; sha256?: string }[] }[] {
  return readFileSync(join(state, 'journal.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string; outputs: { path: string }[] })
    .filter((r) => r.event === 'received')
}

test('a result written where it was to go is noted once, with where and its hashes', async () => {
  const s = await setup()
  await boughtOnce(s)
  const records = receivedRecords(s.state)
  expect(records).toHaveLength(1)
  expect(records[0]?.outputs).toEqual([expect.objectContaining({ path: join(s.out, 'a.png'), sha256: expect.any(String) })])
})

test('a result that landed elsewhere than planned is noted again with where; its entry is still not flushed', async () => {
  const s = await setup()
  const elsewhere = join(s.out, 'a (2).png')
  const purchases = await Purchases.open(s.state)
  const write = async (): Promise<string[]> => {
    writeFileSync(elsewhere, s.bytes)
    return [elsewhere]
  }
  await purchases.buy(s.order({ write }))
  await purchases.close()
  expect(receivedRecords(s.state).map((r) => r.outputs[0]?.path)).toEqual([join(s.out, 'a.png'), elsewhere])
  expect(manifest(s.state)).toMatchObject({ unflushed: true, delivered: [[elsewhere]] })
})
