import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { Purchases } from '../../src/engine/purchases/purchases'
import { reuseEarlier } from '../../src/engine/batch/reuse-earlier'
import { JobError } from '../../src/engine/errors'
import { productPhoto } from '../helpers/images'
import { answeredWith } from '../helpers/paid-answer'
import { tempDir } from '../helpers/photos'

// Found by CI (1 run in many, 500 photos of which many are identical): the second copy of a photo
// asked for its result while the first copy's answer was noted but not yet cached, and failed as
// "Bought before, but Proofsheet could not keep its own copy of the result".
/** A purchase of the photo `k1` whose answer is never written anywhere. */
const order = () => ({ key: 'k1', file: '/photos/a.jpg', provider: 'photoroom' as const, amount: 1, write: async () => [] as string[] })

test('the same photo twice in a run: the second copy waits for the purchase of the first, mid-keep, and reuses it', async () => {
  const state = join(tempDir(), 'state')
  const out = join(tempDir(), 'out')
  mkdirSync(out)
  const bytes = await productPhoto({ format: 'png' })
  const purchases = await Purchases.open(state)
  let sent = 0
  let landed!: () => void
  const writing = new Promise<void>((resolve) => (landed = resolve))
  let finishWrite!: () => void
  const writeHeld = new Promise<void>((resolve) => (finishWrite = resolve))
  const first = purchases.buy({
    key: 'k1',
    file: '/photos/a.jpg',
    provider: 'photoroom',
    amount: 1,
    // The answer is noted on the journal; writing it takes a while (a busy disk).
    write: async () => {
      landed()
      await writeHeld
      writeFileSync(join(out, 'a.png'), bytes)
      return [join(out, 'a.png')]
    },
    send: answeredWith(bytes, () => sent++)
  })
  await writing

  // The second copy, to be written to its own output: neither lost nor bought again, looked up or bought
  // (looked up, it waits for the first copy's purchase to settle and finds its stored result).
  const second = reuseEarlier(purchases, 'k1', () => [join(out, 'b.png')])
  const cached = purchases.cached('k1')
  const bought = purchases.buy({ ...order(), send: async () => ((sent++, { outputs: [], metadata: {}, warnings: [] })) })
  setTimeout(finishWrite, 100)
  await expect(second).resolves.toMatchObject({ outputs: [{ file: '1.png', sha256: expect.any(String) }] })
  await expect(cached).resolves.toMatchObject({ outputs: [{ sha256: expect.any(String) }] })
  await expect(first).resolves.toMatchObject({ written: [join(out, 'a.png')] })
  await expect(bought).resolves.toMatchObject({ written: [join(out, 'a.png')] })
  expect(sent).toBe(1)
  await purchases.close()
})

test('the second copy of a photo whose answer was lost (paid, no usable image) is refused as bought before, not sent', async () => {
  const purchases = await Purchases.open(join(tempDir(), 'state'))
  let sent = 0
  const lost = purchases.buy({
    ...order(),
    send: async (sending) => {
      await sending()
      sent++
      throw new JobError('charged-without-result', 'The answer held no image')
    }
  })
  await expect(lost).rejects.toMatchObject({ kind: 'charged-without-result' })
  const again = purchases.buy({ ...order(), destinations: () => [join(tempDir(), 'b.png')], send: async () => ((sent++, { outputs: [], metadata: {}, warnings: [] })) })
  await expect(again).rejects.toMatchObject({ kind: 'bought-before' })
  expect(sent).toBe(1)
  await purchases.close()
})
