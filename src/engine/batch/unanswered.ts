import { basename } from 'node:path'
import type { JournalRecord } from '../purchases/journal-records'

const clock = (at: Date): string => at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })

/** When something happened, in local time and in words: "today at 10:48", "yesterday at 18:02", "on 3 December at 09:15". */
export function whenInWords(at: Date, now = new Date()): string {
  const day = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
  const days = Math.round((day(now) - day(at)) / 86_400_000)
  if (days === 0) return `today at ${clock(at)}`
  if (days === 1) return `yesterday at ${clock(at)}`
  return `on ${at.toLocaleDateString(undefined, { day: 'numeric', month: 'long', ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }) })} at ${clock(at)}`
}

/** A photo sent, stopped before its answer arrived: what its notice says. */
export function stoppedUnanswered(sentAt: Date, now = new Date()): string {
  return `Sent ${whenInWords(sentAt, now)}; it was stopped before the answer arrived, and the provider may have charged it. Running it again sends it again.`
}

/** What to tell the owner when a photo is sent again after an earlier run's request never got its answer. */
export function unansweredNotice(file: string, earlier: JournalRecord, now = new Date()): string {
  const why = earlier.event === 'outcome-unknown' && earlier.detail ? `: ${earlier.detail}` : ' (Proofsheet stopped while waiting)'
  return `${basename(file)} was sent ${whenInWords(new Date(earlier.at), now)} and its answer never arrived${why}. It is sent again; the provider may have charged the earlier attempt.`
}

/** A photo a vanished worker of a shared queue sent and never heard back about: it is sent again, and says so. */
export function abandonedNotice(file: string, sentAt: Date, now = new Date()): string {
  return `${basename(file)} was sent ${whenInWords(sentAt, now)} by a worker that stopped before its answer arrived; the provider may have charged it. It is sent again.`
}
