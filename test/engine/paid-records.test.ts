import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { JobError } from '../../src/engine/errors'
import { Purchases, type PurchaseOrder } from '../../src/engine/purchases/purchases'
import { productPhoto } from '../helpers/images'
import { orderWritingTo, padJournalPastCompaction } from '../helpers/paid-answer'
import { tempDir } from '../helpers/photos'

// Hex, as a real purchase key is: compaction keeps journal lines by it.
const KEY = 'ab12'

async function setup(): Promise<{ state: string; out: string; bytes: Buffer; sent: () => number; order: (extra?: Partial<PurchaseOrder>) => PurchaseOrder }> {
  const state = join(tempDir(), 'state')
  const out = join(tempDir(), 'out')
  mkdirSync(out)
  const bytes = await productPhoto({ format: 'png' })
  let sent = 0
  const order = (extra: Partial<PurchaseOrder> = {}): PurchaseOrder => ({ ...orderWritingTo(KEY, join(out, 'a.png'), bytes, () => sent++), ...extra })
  return { state, out, bytes, sent: () => sent, order }
}

/** The journal's `received` records, oldest first. */
function receivedRecords(state: string): { outputs: { path: string; sha256?: string }[] }[] {
  return readFileSync(join(state, 'journal.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string; outputs: { path: string }[] })
    .filter((r) => r.event === 'received')
}

test('a result written where it was to go is noted once, before it is written: with where and its hashes', async () => {
  const s = await setup()
  const purchases = await Purchases.open(s.state)
  await purchases.buy(s.order())
  await purchases.close()
  const records = receivedRecords(s.state)
  expect(records).toHaveLength(1)
  expect(records[0]?.outputs).toEqual([expect.objectContaining({ path: join(s.out, 'a.png'), sha256: expect.any(String) })])
})

test('a result that landed elsewhere than planned is noted again with where; one written nowhere, with nowhere', async () => {
  const s = await setup()
  const elsewhere = join(s.out, 'a (2).png')
  const purchases = await Purchases.open(s.state)
  const write = async (): Promise<string[]> => {
    writeFileSync(elsewhere, s.bytes)
    return [elsewhere]
  }
  await purchases.buy(s.order({ write }))
  await purchases.buy(s.order({ key: 'cd34', write: () => Promise.reject(Object.assign(new Error('refused'), { code: 'EACCES' })) }))
  await purchases.close()
  expect(receivedRecords(s.state).map((r) => r.outputs.map((o) => o.path))).toEqual([[join(s.out, 'a.png')], [elsewhere], [join(s.out, 'a.png')], []])
})

// Found in review: an entry whose image was damaged (its manifest intact) read as no entry at all, and
// compaction had let the journal's record go since the manifest existed: the photo was bought again.
test('a cached result whose image was damaged is still the record of its purchase: through compaction, found where it was written', async () => {
  const s = await setup()
  const first = await Purchases.open(s.state)
  await first.buy(s.order())
  await first.close()
  writeFileSync(join(s.state, 'results', KEY.slice(0, 2), KEY, '1.png'), 'damaged')
  padJournalPastCompaction(s.state)

  const next = await Purchases.open(s.state)
  expect(readFileSync(join(s.state, 'journal.ndjson'), 'utf8')).not.toContain(`"${KEY}"`)
  await expect(next.buy(s.order())).resolves.toMatchObject({ outputs: [{ file: join(s.out, 'a.png') }] })
  writeFileSync(join(s.out, 'a.png'), 'changed since')
  await expect(next.buy(s.order())).rejects.toMatchObject({ kind: 'bought-before' })
  expect(s.sent()).toBe(1)
  await next.close()
})

test('a cache entry whose manifest does not read keeps the purchase on the journal through compaction', async () => {
  const s = await setup()
  const first = await Purchases.open(s.state)
  await first.buy(s.order())
  await first.close()
  writeFileSync(join(s.state, 'results', KEY.slice(0, 2), KEY, 'result.json'), Buffer.alloc(300))
  padJournalPastCompaction(s.state)

  const next = await Purchases.open(s.state)
  expect(readFileSync(join(s.state, 'journal.ndjson'), 'utf8')).toContain(`"${KEY}"`)
  await expect(next.buy(s.order())).resolves.toMatchObject({ outputs: [{ file: join(s.out, 'a.png') }] })
  expect(s.sent()).toBe(1)
  await next.close()
})

// Found in review: a process already running on the state folder knew only the purchases of its own
// journal read; another's purchase that kept no result (refused at the provider edge) was bought again.
test('a purchase another process made meanwhile and kept no result of is not bought again by a process already running', async () => {
  const s = await setup()
  const first = await Purchases.open(s.state)
  const second = await Purchases.open(s.state)
  let refusedSent = 0
  const refused: PurchaseOrder['send'] = async (sending) => {
    await sending()
    refusedSent++
    throw new JobError('charged-without-result', 'the answer was not an image')
  }
  await expect(first.buy(s.order({ send: refused }))).rejects.toMatchObject({ kind: 'charged-without-result' })
  await expect(second.buy(s.order())).rejects.toMatchObject({ kind: 'bought-before' })
  expect(refusedSent + s.sent()).toBe(1)
  await first.close()
  await second.close()
})
