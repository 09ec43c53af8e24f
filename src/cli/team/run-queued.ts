import { inputsFromPaths, RedisWorkStore, TeamQueueError, type Worker } from '../../engine'
import { UsageError, type CliOptions, type TeamOptions } from '../args'
import { EXIT } from '../exit-codes'
import { onInterrupt } from '../interrupt'
import { err, exitCodeOf, showEvents, showSummary } from '../run-output'
import { QueuedRun } from './queued-run'
import { checkKeys, keyedProviders, openTeamWorker } from './team-worker'

/** How long leaving a team queue that is away may take before the command ends anyway. */
const LEAVE_WITHIN_MS = 2_000
/** How long one Ctrl-C waits for this command's own requests on the wire (with --work). */
const FINISH_WITHIN_MS = 30_000

/**
 * `batch --queue`: the photos are enqueued on the team queue and followed to the end with the usual
 * progress, events, summary and exit codes, whichever workers do the work; with --work this command
 * works on the queue too. Ctrl-C stops following: the photos stay in the queue for the workers.
 */
export async function runQueued(options: CliOptions, team: TeamOptions, stateDir: string): Promise<number> {
  let store: RedisWorkStore
  let worker: Worker | undefined
  try {
    if (team.work) ({ store, worker } = await openTeamWorker({ url: team.url, concurrency: options.concurrency, resultsDir: team.resultsDir, leaseMs: undefined }, process.env))
    else store = await RedisWorkStore.open({ url: team.url })
  } catch (error) {
    if (!(error instanceof TeamQueueError) && !(error instanceof UsageError)) throw error
    err(`proofsheet: ${error.message}`)
    return EXIT.usage
  }
  store.connection.on('away', (message) => err(message))
  store.connection.on('back', () => err(`The team queue at ${store.label} is back: going on.`))
  try {
    if (team.budgetCap !== undefined) await store.budget.setCap(team.budgetCap)
    const run = new QueuedRun({ store, inputs: await inputsFromPaths(options.inputs, options.outDir ? [options.outDir] : []), operation: options.operation, values: options.values, outDir: options.outDir as string, stateDir, buyAgain: options.buyAgain, fit: options.fit })
    const bar = showEvents(run, () => run.snapshot, options.json)
    if (worker) {
      worker.on('event', (event) => run.emit('event', event))
      await worker.start()
      await checkKeys(worker, keyedProviders(process.env))
    }
    const stopInterrupt = onInterrupt(
      () => {
        run.stop()
        const finishing = worker?.finish(FINISH_WITHIN_MS, 'Not sent: given back to the team queue')
        bar?.clear()
        err(`\nStopped following. The photos stay in the team queue at ${store.label}: its workers go on with them. Run the same command again to follow them.${finishing?.sent ? ` Finishing ${finishing.sent} paid requests sent from here…` : ''}`)
      },
      () => {
        const charged = worker?.stopNow('Stopped') ?? []
        if (charged.length) err(`\nStopped now. These photos were sent from here and may have been charged: ${charged.join(', ')}`)
      }
    )
    let summary
    try {
      summary = await run.run()
    } finally {
      stopInterrupt()
    }
    const spend = await store.connection.whileReachable(() => store.budget.read(), undefined)
    if (!spend) {
      showSummary(summary, run.snapshot, { json: options.json, dryRun: false, bar, more: [`The team queue at ${store.label} cannot be reached: its photos stay there for its workers.`] })
      return exitCodeOf(summary)
    }
    const held = summary.held ? [`${summary.held} ${summary.held === 1 ? 'photo waits' : 'photos wait'}: the team's budget cap of ${spend.cap} is reached (${spend.spent} spent). Raise it with --budget-cap, then run the same command again.`] : []
    showSummary(summary, run.snapshot, { json: options.json, dryRun: false, bar, more: held })
    if (summary.held && !summary.stoppedBecause) return EXIT.credits
    return exitCodeOf(summary)
  } finally {
    const working = worker
    if ((await store.closeOrLeave(working && (() => working.close()))) === 'left') {
      // A Redis client caught mid-reconnect can still hold the process: nothing more is to be done here.
      setTimeout(() => process.exit(), LEAVE_WITHIN_MS).unref()
    }
  }
}
