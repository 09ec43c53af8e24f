import { relative } from 'node:path'
import { userCwd } from './paths'
import { providerById, type BatchEvent, type BatchSummary } from '../engine'
import type { Job } from '../shared/jobs'
import { printable } from '../shared/printable'

/** A photo's path as the user typed it: relative to where the command was run. */
export const displayName = (file: string): string => relative(userCwd(), file) || file
const name = displayName

/** One line for a job worth telling about as it happens; null for routine progress. Safe for a terminal: names and answers come from outside. */
export function describeEvent(event: BatchEvent): string | null {
  const line = describe(event)
  return line === null ? null : printable(line)
}

function describe(event: BatchEvent): string | null {
  if (event.type === 'notice') return `note: ${event.message}`
  if (event.type === 'checked') return null
  if (event.type === 'balance') {
    const b = event.balance
    return b.source === 'provider' ? `${providerById(b.provider).name} balance: ${b.available} ${b.unit === 'images' ? 'image edits' : 'credits'}` : null
  }
  if (event.type === 'provider') {
    const who = providerById(event.provider).name
    if (event.state.status === 'running') return `${who}: running again`
    return `${who}: ${event.state.status} — ${event.state.message}`
  }
  const job = event.job
  if (job.state === 'skipped') return `skipped  ${name(job.file)} — ${job.reason}`
  if (job.state === 'failed') return `failed   ${name(job.file)} — ${job.reason}${job.canBuyAgain ? ' (--buy-again pays for it once more)' : ''}`
  if (job.state === 'done' && job.warnings?.length) return `warning  ${name(job.file)} — ${job.warnings.join('; ')}`
  return null
}

/** The event as one NDJSON object; every job event names its file. What the engine learnt of a file is its own business. */
export function eventJson(event: BatchEvent): Record<string, unknown> | null {
  if (event.type === 'checked') return null
  if (event.type === 'job') return { event: 'job', ...event.job }
  if (event.type === 'provider') return { event: 'provider', provider: event.provider, ...event.state }
  if (event.type === 'balance') return { event: 'balance', ...event.balance }
  return { event: 'notice', message: event.message }
}

export function summaryLines(summary: BatchSummary, dryRun: boolean, jobs: readonly Job[]): string[] {
  const c = summary.counts
  const parts = [
    dryRun ? `${c.estimated} to send` : `${c.done} done`,
    c.reused ? `${c.reused} already done earlier (not charged again)` : '',
    c.skipped ? `${c.skipped} skipped` : '',
    c.failed ? `${c.failed} failed` : '',
    c.blocked ? `${c.blocked} not sent` : '',
    c.cancelled ? `${c.cancelled} cancelled` : ''
  ].filter(Boolean)
  const unit = summary.cost.unit === 'images' ? 'image edits' : 'credits'
  const cost = dryRun ? `Estimated cost: ${summary.cost.amount} ${unit}.` : `Spent: ${summary.cost.amount} ${unit}.`
  const identical = jobs.filter((j) => j.sameAs !== undefined).length
  const lines = [`${summary.total} files: ${parts.join(', ')}.`, cost]
  if (identical) lines.push(`${identical} ${identical === 1 ? 'photo was' : 'photos were'} identical to another and sent only once.`)
  if (summary.stoppedBecause === 'credits') lines.push(`Stopped: ${summary.message} Run the same command again after topping up; finished photos are not sent again.`)
  if (summary.stoppedBecause === 'auth') lines.push(`Stopped: ${summary.message}`)
  if (summary.stoppedBecause === 'not-saved') lines.push(`Stopped: ${summary.message} What was paid for and noted is not bought again.`)
  if (summary.stoppedBecause === 'unreachable') lines.push(`Stopped: ${summary.message}. Run the same command again later; finished photos are not sent again.`)
  const twice = summary.mayHaveBeenCharged.filter((m) => m.twice)
  const once = summary.mayHaveBeenCharged.filter((m) => !m.twice)
  if (twice.length) lines.push(`May have been charged twice (an answer was lost, the photo was sent again): ${twice.map((m) => name(m.file)).join(', ')}`)
  if (once.length) lines.push(`May have been charged without a result (sent, and no answer kept): ${once.map((m) => `${name(m.file)} (${m.reason})`).join(', ')}`)
  const failed = jobs.filter((j) => j.state === 'failed')
  if (failed.length) lines.push(`Failed photos: ${failed.slice(0, 5).map((j) => name(j.file)).join(', ')}${failed.length > 5 ? `, and ${failed.length - 5} more` : ''}`)
  return lines.map(printable)
}
