/**
 * How a run ended, in one line a photographer reads at a glance: skipped photos are counted apart
 * from failures, since they were held back on purpose and cost nothing.
 */
export function runSummary(counts: Readonly<Record<string, number>>, total: number): string {
  const n = (...states: string[]): number => states.reduce((sum, state) => sum + (counts[state] ?? 0), 0)
  const cancelled = n('cancelled')
  const parts = [`${n('done', 'reused')} done`, `${n('skipped')} skipped`, `${n('failed', 'blocked')} failed`, ...(cancelled ? [`${cancelled} cancelled`] : [])]
  return `${parts.join(' · ')} of ${total}.`
}
