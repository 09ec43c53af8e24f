import { expect, test } from 'vitest'
import { reusePruned } from '../../src/engine/batch/reuse-pruned'
import type { Purchases } from '../../src/engine/journal/purchases'
import { forTheApp } from '../../src/main/jobs/pruned-job'

/** The engine's own message for a pruned purchase whose output file is gone. */
async function engineReason(): Promise<string> {
  const purchases = { pruned: async () => ({ lost: ['/out/photo-01.png'] }) } as unknown as Purchases
  return reusePruned(purchases, 'key', () => []).then(
    () => '',
    (error: Error) => error.message
  )
}

test("a pruned purchase is offered again in the window, in the window's words, not the command line's", async () => {
  const reason = await engineReason()
  const job = forTheApp({ ref: '1', file: '/in/photo-01.jpg', state: 'failed', attempts: 0, reason })
  expect(job.canBuyAgain).toBe(true)
  expect(job.reason).toMatch(/^Bought before, but its result was pruned from the cache and its output file photo-01\.png is gone or changed\./)
  expect(job.reason).toMatch(/Buy again/)
  expect(job.reason).not.toMatch(/--buy-again/)
})

test('any other failure is left as the engine said it', () => {
  const job = { ref: '1', file: '/in/a.jpg', state: 'failed' as const, attempts: 1, reason: 'the provider answered without an image' }
  expect(forTheApp(job)).toBe(job)
})
