import type { EventEmitter } from 'node:events'
import type { BatchEvent, BatchSummary } from '../engine'
import type { Job } from '../shared/jobs'
import { EXIT } from './exit-codes'
import { ProgressBar } from './progress'
import { describeEvent, eventJson, summaryLines } from './report'

export const out = (line: string): boolean => process.stdout.write(`${line}\n`)
export const err = (line: string): boolean => process.stderr.write(`${line}\n`)

/**
 * A run's events as the user asked for them: NDJSON on stdout, or a line per thing worth telling on
 * stderr under a progress bar (on a terminal). Returns the bar, to be cleared around other lines.
 */
export function showEvents(run: EventEmitter<{ event: [BatchEvent] }>, snapshot: () => Job[], json: boolean): ProgressBar | null {
  const bar = !json && process.stderr.isTTY ? new ProgressBar(process.stderr) : null
  run.on('event', (event) => {
    if (json) {
      const line = eventJson(event)
      if (line) out(JSON.stringify(line))
      return
    }
    const line = describeEvent(event)
    if (line) {
      bar?.clear()
      err(line)
    }
    bar?.update(snapshot())
  })
  return bar
}

/** The summary: one NDJSON object, or the lines a person reads. */
export function showSummary(summary: BatchSummary, jobs: readonly Job[], o: { json: boolean; dryRun: boolean; bar: ProgressBar | null; more?: string[] }): void {
  o.bar?.update(jobs, true)
  o.bar?.clear()
  if (o.json) out(JSON.stringify({ event: 'summary', ...summary }))
  else for (const line of [...summaryLines(summary, o.dryRun, jobs), ...(o.more ?? [])]) out(line)
}

/** Distinct exit codes, so scripts can tell what went wrong. */
export function exitCodeOf(summary: BatchSummary): number {
  if (summary.stoppedBecause === 'cancelled') return EXIT.interrupted
  if (summary.stoppedBecause === 'auth') return EXIT.auth
  if (summary.stoppedBecause === 'unreachable') return EXIT.unreachable
  if (summary.stoppedBecause === 'credits') return EXIT.credits
  if (summary.stoppedBecause === 'not-saved') return EXIT.notSaved
  return summary.counts.failed > 0 ? EXIT.imagesFailed : EXIT.ok
}
