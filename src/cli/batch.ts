/**
 * `npm run batch`'s entry. --help is answered before anything heavy is loaded: the build puts the
 * help text in (PROOFSHEET_HELP, written from the provider registry when the CLI is built), so the
 * engine, sharp and undici load only for a real run.
 */
declare const PROOFSHEET_HELP: string | undefined

const argv = process.argv.slice(2)
if (argv[0] !== 'cache' && (argv.includes('--help') || argv.includes('-h'))) {
  process.stdout.write(typeof PROOFSHEET_HELP === 'string' ? PROOFSHEET_HELP : (await import('./help')).HELP)
} else {
  const { main, err } = await import('./run-batch')
  const { EXIT } = await import('./exit-codes')
  main(argv).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      err(`proofsheet: something unexpected went wrong: ${(error as Error).message}`)
      process.exitCode = EXIT.imagesFailed
    }
  )
}

export {}
