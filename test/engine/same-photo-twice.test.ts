import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { Purchases } from '../../src/engine/purchases/purchases'
import { reuseEarlier } from '../../src/engine/batch/reuse-earlier'
import { productPhoto } from '../helpers/images'
import { tempDir } from '../helpers/photos'

// Found by CI (1 run in many, 500 photos of which many are identical): the second copy of a photo
// asked for its result while the first copy's answer was noted but not yet cached, and failed as
// "Bought before, but Proofsheet could not keep its own copy of the result".
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
    send: async (sending, _maybeCharged, keep) => {
      await sending()
      sent++
      const answer = { outputs: [{ extension: 'png', bytes }], metadata: {}, warnings: [] }
      await keep(answer)
      return answer
    }
  })
  await writing

  // The second copy, to be written to its own output: neither lost nor bought again.
  const second = reuseEarlier(purchases, 'k1', () => [join(out, 'b.png')])
  const cached = purchases.cached('k1')
  setTimeout(finishWrite, 100)
  await expect(second).resolves.toMatchObject({ outputs: [{ file: join(out, 'a.png') }] })
  await expect(cached).resolves.toMatchObject({ outputs: [{ sha256: expect.any(String) }] })
  await expect(first).resolves.toMatchObject({ written: [join(out, 'a.png')] })
  expect(sent).toBe(1)
  await purchases.close()
})
