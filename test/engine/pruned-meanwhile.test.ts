import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { pruneCache } from '../../src/engine/purchases/cache-upkeep'
import { Purchases, type PurchaseOrder } from '../../src/engine/purchases/purchases'
import { productPhoto } from '../helpers/images'
import { orderWritingTo, padJournalPastCompaction } from '../helpers/paid-answer'
import { tempDir } from '../helpers/photos'

// Found in review: a result pruned between a run's first look at its key and the purchase (the app's
// "clear the cache" meanwhile) was looked for again under the lock only as a stored result: bought again.
test('a result pruned after the run looked is not bought again under the lock: found where it was written, or refused', async () => {
  const state = join(tempDir(), 'state')
  const out = join(tempDir(), 'out')
  mkdirSync(out)
  const bytes = await productPhoto({ format: 'png' })
  let sent = 0
  const order = (extra: Partial<PurchaseOrder> = {}): PurchaseOrder => ({ ...orderWritingTo('ab12', join(out, 'a.png'), bytes, () => sent++), ...extra })
  const first = await Purchases.open(state)
  await first.buy(order())
  await first.close()
  await pruneCache(state, 0)
  // A journal grown past its compaction size: its records of the photo go (a hex key, as real ones are: compaction keeps lines by it), the pruned entry being its record now.
  padJournalPastCompaction(state)

  // The next run goes straight to buying, as one that looked just before the prune would.
  const next = await Purchases.open(state)
  expect(readFileSync(join(state, 'journal.ndjson'), 'utf8')).not.toContain('"ab12"')
  await expect(next.buy(order())).resolves.toMatchObject({ outputs: [{ file: join(out, 'a.png') }] })
  writeFileSync(join(out, 'a.png'), 'changed since')
  await expect(next.buy(order())).rejects.toMatchObject({ kind: 'bought-before' })
  expect(sent).toBe(1)
  await expect(next.buy(order({ buyAgain: true }))).resolves.toMatchObject({ outputs: [{ sha256: expect.any(String) }] })
  expect(sent).toBe(2)
  await next.close()
})
