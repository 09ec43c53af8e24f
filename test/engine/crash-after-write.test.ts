import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { Purchases } from '../../src/engine/purchases/purchases'
import { productPhoto } from '../helpers/images'
import { answeredWith } from '../helpers/paid-answer'
import { tempDir } from '../helpers/photos'

// Found in review: the output was written first and the journal told only after, so a process that
// died between the two left a purchase the next run could not see ("sending" only): bought again.
test('a process that dies right after writing a paid answer leaves it known: the next run finds it where it was written', async () => {
  const state = join(tempDir(), 'state')
  const out = join(tempDir(), 'out')
  mkdirSync(out)
  const bytes = await productPhoto({ format: 'png' })
  const first = await Purchases.open(state)
  const written = new Promise<void>((landed) => {
    void first.buy({
      key: 'k1',
      file: '/photos/a.jpg',
      provider: 'photoroom',
      amount: 1,
      // Written where it belongs, then the process "dies": nothing after this runs.
      write: async () => {
        writeFileSync(join(out, 'a.png'), bytes)
        landed()
        return new Promise<string[]>(() => undefined)
      },
      send: answeredWith(bytes)
    })
  })
  await written

  const next = await Purchases.open(state)
  const earlier = await next.known('k1', () => [join(out, 'a.png')])
  expect(earlier).toMatchObject({ found: { outputs: [{ file: join(out, 'a.png') }] } })
  expect(next.earlierUnanswered('k1')).toBeNull()
})
