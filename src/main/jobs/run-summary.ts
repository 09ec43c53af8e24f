/**
 * How a run ended, in one line a photographer reads at a glance: skipped photos are counted apart
 * from failures, since they were held back on purpose and cost nothing. A cancelled run says how far
 * it got ("Cancelled · 74 of 294 done"), not a full count that reads as finished.
 */
export function runSummary(counts: Readonly<Record<string, number>>, total: number): string {
  const n = (...states: string[]): number => states.reduce((sum, state) => sum + (counts[state] ?? 0), 0)
  const done = n('done', 'reused')
  const skipped = n('skipped')
  const failed = n('failed', 'blocked')
  if (!n('cancelled')) return `${done} done · ${skipped} skipped · ${failed} failed of ${total}.`
  return [`Cancelled · ${done} of ${total} done`, ...(skipped ? [`${skipped} skipped`] : []), ...(failed ? [`${failed} failed`] : [])].join(' · ')
}
