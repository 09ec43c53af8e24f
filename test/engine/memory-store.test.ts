import { expect, test } from 'vitest'
import { MemoryWorkStore, type NewWorkItem } from '../../src/engine'

const item = (ref: string, priority = 0): NewWorkItem => ({
  run: 'r',
  priority,
  maxCost: 1,
  spec: { ref, path: `/photos/${ref}.jpg`, operation: 'photoroom.remove-background', values: {}, outDir: '/out', output: { base: `/out/${ref}`, names: [] } as never }
})
const refs = (items: { spec: { ref: string } }[]): string[] => items.map((i) => i.spec.ref)

test('leases go highest priority first, then oldest first; one re-run enqueued later goes ahead of the batch', async () => {
  let now = 0
  const store = new MemoryWorkStore(() => now)
  await store.enqueue(['a', 'b', 'c', 'd', 'e'].map((ref) => item(ref)))
  expect(refs(await store.lease('w', 2, 1_000))).toEqual(['a', 'b'])
  await store.enqueue([item('loupe', 10), item('f')])
  await store.enqueue([item('also-ahead', 5)])
  expect(refs(await store.lease('w', 3, 1_000))).toEqual(['loupe', 'also-ahead', 'c'])
  expect(refs(await store.lease('w', 10, 1_000))).toEqual(['d', 'e', 'f'])
  expect(await store.lease('w', 5, 1_000)).toEqual([])
  // Leases that ran out are taken again, in the same order.
  now = 2_000
  expect(refs(await store.lease('w', 4, 1_000))).toEqual(['loupe', 'also-ahead', 'a', 'b'])
})

test('a photo given back takes its place in line again by when it was enqueued; a finished or cancelled one is never handed out again', async () => {
  let now = 0
  const store = new MemoryWorkStore(() => now)
  const [a] = await store.enqueue(['a', 'b', 'c', 'd', 'e', 'f'].map((ref) => item(ref)))
  const first = await store.lease('w', 3, 1_000)
  expect(refs(first)).toEqual(['a', 'b', 'c'])
  await store.release('w', [first[1]!.id])
  expect(refs(await store.lease('w', 2, 1_000))).toEqual(['b', 'd'])
  await store.complete(a!.id, 'w', { ...a!.job, state: 'done' })
  await store.cancelWaiting('Cancelled')
  // Every lease runs out: what was leased and not finished is back in line, in its place; nothing else is.
  now = 2_000
  expect(refs(await store.lease('w', 10, 1_000))).toEqual(['b', 'c', 'd'])
  expect(await store.lease('w', 10, 1_000)).toEqual([])
})
