import { JobError } from '../errors'
import type { JournalRecord } from './journal-records'
import type { CachedResult } from './result-cache'

const code = (error: unknown): string | undefined => (error as { code?: string } | undefined)?.code

/** A write refused because the disk (or the user's quota on it) is full. */
export const isDiskFull = (error: unknown): boolean => code(error) === 'ENOSPC' || code(error) === 'EDQUOT'

/**
 * A paid answer that could be saved nowhere: not where it belongs, not in Proofsheet's cache. Said
 * plainly ("paid; could not be saved: disk full"), with whether the purchase is at least on the
 * journal, so the next run does not buy it again unasked.
 */
export function notSaved(writeError: unknown, cacheError: unknown, noted: boolean): JobError {
  const diskFull = isDiskFull(writeError) || isDiskFull(cacheError)
  const why = diskFull ? 'disk full' : (writeError as Error).message
  const next = noted
    ? 'Proofsheet noted the purchase: running it again does not buy it again unless you ask (Buy again).'
    : 'Proofsheet could not note the purchase either: running it again would buy it again.'
  return new JobError('not-saved', `Paid; could not be saved: ${why}. ${next}`, { paid: true, diskFull })
}

/** A `received` record's outputs as a cached result to look for in the files it names; null when it names none. */
export function savedOutputs(record: JournalRecord | undefined): CachedResult | null {
  if (record?.event !== 'received' || !record.outputs?.length) return null
  return {
    outputs: record.outputs.map(({ path, ...o }) => ({ ...o, file: path })),
    metadata: record.metadata ?? {},
    warnings: record.warnings ?? [],
    // Paths are empty when no place was planned for it and the process ended before writing it.
    delivered: record.outputs.every((o) => o.path) ? [record.outputs.map((o) => o.path)] : []
  }
}
