import { basename } from 'node:path'
import type { JournalRecord } from '../purchases/journal-records'

/** What to tell the owner when a photo is sent again after an earlier run's request never got its answer. */
export function unansweredNotice(file: string, earlier: JournalRecord): string {
  const why = earlier.event === 'outcome-unknown' && earlier.detail ? `: ${earlier.detail}` : ' (Proofsheet stopped while waiting)'
  return `${basename(file)} was sent on ${earlier.at} and its answer never arrived${why}. It is sent again; the provider may have charged the earlier attempt.`
}
