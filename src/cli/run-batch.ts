import { join } from 'node:path'
import { Batch, inputsFromPaths, inputsFromUrls, isJobError, providerById, urlsFromEnv, DEFAULT_CACHE_MAX_BYTES, openStateDir } from '../engine'
import { PHOTOS_FROM_THE_WEB } from '../main/photos/url-list'
import { cacheCommand } from './cache'
import { asksForStatus, parseCli, UsageError, type CliOptions } from './args'
import { EXIT } from './exit-codes'
import { HELP } from './help'
import { userCwd } from './paths'
import { describeEvent, displayName, eventJson } from './report'
import { err, exitCodeOf, out, showEvents, showSummary } from './run-output'
import { onInterrupt } from './interrupt'
import { statusCommand } from './team/queue-status'
import { runQueued } from './team/run-queued'

/** How long one Ctrl-C waits for the requests already on the wire before cutting them off. */
const FINISH_WITHIN_MS = 30_000

export { err }

/** `npm run batch`: the whole command, once the entry has ruled out --help. */
export async function main(argv: string[]): Promise<number> {
  const stateDir = await openStateDir(process.env)
  if (argv[0] === 'cache') return cacheCommand(argv.slice(1), stateDir, out)
  if (asksForStatus(argv)) return statusCommand(argv)
  let options: CliOptions
  try {
    options = parseCli(argv, userCwd(), process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    err(`proofsheet: ${error.message}\nRun with --help for usage.`)
    return EXIT.usage
  }
  if (options.help) {
    process.stdout.write(HELP)
    return EXIT.ok
  }
  if (options.team) return runQueued(options, options.team, stateDir)
  const provider = providerById(options.operation.provider)
  const apiKey = process.env[provider.keyVariable] ?? ''
  if (!apiKey && !options.dryRun) {
    err(`proofsheet: set ${provider.keyVariable} to your ${provider.name} API key (or use the simulator: npm run simulator).`)
    return EXIT.usage
  }

  const batchOf = async (paths: string[]): Promise<Batch> =>
    new Batch({
      inputs: [...(await inputsFromPaths(paths, options.outDir ? [options.outDir] : [])), ...(await inputsFromUrls(options.urls, join(stateDir, PHOTOS_FROM_THE_WEB)))],
      operation: options.operation,
      values: options.values,
      outDir: options.outDir ?? '.',
      apiKey,
      urls: urlsFromEnv(process.env),
      stateDir,
      cacheMaxBytes: cacheMaxBytes(process.env),
      concurrency: options.concurrency ?? provider.limits.concurrency,
      requestsPerSecond: options.rate ?? provider.limits.requestsPerSecond,
      rateKnown: options.rate !== undefined,
      dryRun: options.dryRun,
      fitOversize: options.fit,
      buyAgain: options.buyAgain,
      stopWhenCreditsRunOut: true,
      // Exit 5 well within 30 s of a provider going away: the breaker opens in a few seconds, then this.
      stopWhenUnreachableForMs: 15_000
    })
  const batch = await batchOf(options.inputs)
  const bar = showEvents(batch, () => batch.snapshot, options.json)
  const stopInterrupt = onInterrupt(
    () => {
      const { sent, done } = batch.finish(FINISH_WITHIN_MS, 'Not sent: stopped with Ctrl-C')
      bar?.clear()
      err(sent ? `\nFinishing ${sent} paid ${sent === 1 ? 'request' : 'requests'}… (Ctrl-C again to stop now)` : '\nStopping: nothing more is sent.')
      void done
    },
    () => {
      const charged = batch.stopNow('Stopped with Ctrl-C')
      bar?.clear()
      err(charged.length ? `\nStopped now. These photos were sent and may have been charged: ${charged.map(displayName).join(', ')}` : '\nStopped now.')
    }
  )
  let summary
  try {
    summary = await batch.run()
  } catch (error) {
    if (isJobError(error) && error.kind === 'auth') {
      err(`proofsheet: ${error.message} Check ${provider.keyVariable}. Nothing was sent.`)
      return EXIT.auth
    }
    if (isJobError(error) && error.kind === 'retryable') {
      const variables = Object.values(provider.hosts).map((host) => host.env)
      err(`proofsheet: ${error.message} Check your connection${variables.length > 1 ? ', ' : ' and '}${variables.join(' and ')}.`)
      return EXIT.unreachable
    }
    if (isJobError(error) && error.kind === 'invalid-request') {
      err(`proofsheet: these parameters would be refused by ${provider.name}:\n  ${error.message.split('\n').join('\n  ')}`)
      return EXIT.usage
    }
    throw error
  } finally {
    stopInterrupt()
  }
  showSummary(summary, batch.snapshot, { json: options.json, dryRun: options.dryRun, bar })

  if (options.watch && !summary.stoppedBecause) {
    // The watcher (chokidar) loads only for --watch: a plain run reaches its first request sooner.
    const { watchInputs } = await import('./watch')
    await watchInputs(options.inputs, async () => {
      const next = await batchOf(options.inputs)
      next.on('event', (event) => {
        const line = options.json ? eventJson(event) && JSON.stringify(eventJson(event)) : describeEvent(event)
        if (line) (options.json ? out : err)(line)
      })
      const result = await next.run()
      showSummary(result, next.snapshot, { json: options.json, dryRun: options.dryRun, bar: null })
    }, err)
    return EXIT.ok
  }
  return exitCodeOf(summary)
}

/** `PROOFSHEET_CACHE_MAX_BYTES` caps the kept image bytes (default 5 GB). */
function cacheMaxBytes(env: NodeJS.ProcessEnv): number {
  const value = Number(env['PROOFSHEET_CACHE_MAX_BYTES'])
  return Number.isFinite(value) && value >= 0 && env['PROOFSHEET_CACHE_MAX_BYTES'] !== undefined ? value : DEFAULT_CACHE_MAX_BYTES
}
