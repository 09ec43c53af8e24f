/** `npm run worker`'s entry: a worker on a team queue (see team/run-worker.ts). */
const { main } = await import('./team/run-worker')
const { err } = await import('./run-output')
const { EXIT } = await import('./exit-codes')
main(process.argv.slice(2)).then(
  // Ends here: a worker that left a team queue while it was away has Redis connections still trying to reach it.
  (code) => process.exit(code),
  (error: unknown) => {
    err(`proofsheet worker: something unexpected went wrong: ${(error as Error).message}`)
    process.exitCode = EXIT.imagesFailed
  }
)

export {}
