import { Batch, defaultStateDir, inputsFromPaths, isJobError, KEY_VARIABLES, PROVIDER_DEFAULTS, urlsFromEnv } from '../engine'
import { PROVIDER_NAMES } from '../shared/operations'
import { HELP, parseCli, UsageError, type CliOptions } from './args'
import { EXIT } from './exit-codes'
import { userCwd } from './paths'
import { ProgressBar } from './progress'
import { describeEvent, eventJson, summaryLines } from './report'

const out = (line: string): boolean => process.stdout.write(`${line}\n`)
const err = (line: string): boolean => process.stderr.write(`${line}\n`)

async function main(argv: string[]): Promise<number> {
  let options: CliOptions
  try {
    options = parseCli(argv, userCwd())
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    err(`proofsheet: ${error.message}\nRun with --help for usage.`)
    return EXIT.usage
  }
  if (options.help) {
    process.stdout.write(HELP)
    return EXIT.ok
  }
  const provider = options.operation.provider
  const apiKey = process.env[KEY_VARIABLES[provider]] ?? ''
  if (!apiKey && !options.dryRun) {
    err(`proofsheet: set ${KEY_VARIABLES[provider]} to your ${PROVIDER_NAMES[provider]} API key (or use the simulator: npm run simulator).`)
    return EXIT.usage
  }

  const batch = new Batch({
    inputs: await inputsFromPaths(options.inputs, options.outDir ? [options.outDir] : []),
    operation: options.operation,
    values: options.values,
    outDir: options.outDir ?? '.',
    apiKey,
    urls: urlsFromEnv(process.env),
    stateDir: defaultStateDir(process.env),
    concurrency: options.concurrency ?? PROVIDER_DEFAULTS[provider].concurrency,
    requestsPerSecond: options.rate ?? PROVIDER_DEFAULTS[provider].requestsPerSecond,
    dryRun: options.dryRun,
    stopWhenCreditsRunOut: true
  })
  const bar = !options.json && process.stderr.isTTY ? new ProgressBar(process.stderr) : null
  batch.on('event', (event) => {
    if (options.json) {
      const json = eventJson(event)
      if (json) out(JSON.stringify(json))
      return
    }
    const line = describeEvent(event)
    if (line) {
      bar?.clear()
      err(line)
    }
    bar?.update(batch.snapshot)
  })
  const interrupt = (): void => {
    err('\nStopping: requests in progress are cancelled. Finished photos are kept; run again to continue.')
    batch.cancel()
  }
  process.once('SIGINT', interrupt)

  let summary
  try {
    summary = await batch.run()
  } catch (error) {
    if (isJobError(error) && error.kind === 'auth') {
      err(`proofsheet: ${error.message} Check ${KEY_VARIABLES[provider]}. Nothing was sent.`)
      return EXIT.auth
    }
    if (isJobError(error) && error.kind === 'retryable') {
      err(`proofsheet: ${error.message} Check your connection${provider === 'photoroom' ? ', PHOTOROOM_API_URL and PHOTOROOM_SDK_URL' : ` and ${provider === 'pixelcut' ? 'PIXELCUT_API_URL' : 'PHOTA_API_URL'}`}.`)
      return EXIT.unreachable
    }
    if (isJobError(error) && error.kind === 'invalid-request') {
      err(`proofsheet: these parameters would be refused by ${PROVIDER_NAMES[provider]}:\n  ${error.message.split('\n').join('\n  ')}`)
      return EXIT.usage
    }
    throw error
  } finally {
    process.off('SIGINT', interrupt)
  }
  bar?.update(batch.snapshot, true)
  bar?.clear()
  if (options.json) out(JSON.stringify({ event: 'summary', ...summary }))
  else for (const line of summaryLines(summary, options.dryRun, batch.snapshot)) out(line)

  if (summary.stoppedBecause === 'cancelled') return EXIT.interrupted
  if (summary.stoppedBecause === 'auth') return EXIT.auth
  if (summary.stoppedBecause === 'credits') return EXIT.credits
  return summary.counts.failed > 0 ? EXIT.imagesFailed : EXIT.ok
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    err(`proofsheet: something unexpected went wrong: ${(error as Error).message}`)
    process.exitCode = EXIT.imagesFailed
  }
)
