import { parseArgs } from 'node:util'
import { isJobError, providerById, TeamQueueError } from '../../engine'
import { UsageError } from '../args'
import { EXIT } from '../exit-codes'
import { onInterrupt } from '../interrupt'
import { userCwd } from '../paths'
import { describeEvent, displayName } from '../report'
import { err } from '../run-output'
import { checkKeys, openTeamWorker, type TeamWorkerOptions } from './team-worker'
import { resolve } from 'node:path'

/** How long one Ctrl-C waits for the requests already on the wire before cutting them off. */
const FINISH_WITHIN_MS = 30_000

export const WORKER_HELP = `Proofsheet worker: takes photos from a team queue and runs them, beside the team's other workers.

Usage: npm run --silent worker -- --queue redis://HOST:PORT [options]

  --queue <url>         the team's Redis (redis://, or rediss:// for TLS; a password as redis://:PASSWORD@HOST:PORT)
  --results-dir <dir>   the shared folder where every worker keeps paid results (required)
  --concurrency <n>     requests at once per provider, for the whole team (default: each provider's published figure)
  --lease <seconds>     how long photos of a worker that vanished wait before another takes them (default 60)
  --help

Keys come from this machine's environment, as for batch; the worker takes only the photos of the
providers it has a key for. Photos and output folders must be reachable at the same paths on every
machine. Ctrl-C finishes the requests already sent and gives the rest back to the queue; Ctrl-C again
stops at once.
`

function parseWorkerArgs(argv: string[], cwd: string): TeamWorkerOptions | 'help' {
  let flags
  try {
    flags = parseArgs({
      args: argv,
      options: { queue: { type: 'string' }, 'results-dir': { type: 'string' }, concurrency: { type: 'string' }, lease: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }
    }).values
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/, ''))
  }
  if (flags.help) return 'help'
  if (!flags.queue) throw new UsageError('--queue redis://HOST:PORT is required: the team queue to work on')
  const positive = (flag: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined
    const value = Number(raw)
    if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} needs a positive number, not "${raw}"`)
    return value
  }
  const lease = positive('--lease', flags.lease)
  return {
    url: flags.queue,
    resultsDir: flags['results-dir'] === undefined ? undefined : resolve(cwd, flags['results-dir']),
    concurrency: positive('--concurrency', flags.concurrency),
    leaseMs: lease === undefined ? undefined : lease * 1000
  }
}

/** `npm run worker`: works on the team queue until Ctrl-C. */
export async function main(argv: string[]): Promise<number> {
  let options: TeamWorkerOptions | 'help'
  let opened: Awaited<ReturnType<typeof openTeamWorker>>
  try {
    options = parseWorkerArgs(argv, userCwd())
    if (options === 'help') {
      process.stdout.write(WORKER_HELP)
      return EXIT.ok
    }
    opened = await openTeamWorker(options, process.env)
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TeamQueueError)) throw error
    err(`proofsheet worker: ${error.message}${error instanceof UsageError ? '\nRun with --help for usage.' : ''}`)
    return EXIT.usage
  }
  const { store, worker, serves } = opened
  store.connection.on('away', (message) => err(message))
  store.connection.on('back', () => err(`The team queue at ${store.label} is back: going on.`))
  worker.on('event', (event) => {
    const line = describeEvent(event)
    if (line) err(line)
  })
  await worker.start()
  try {
    await checkKeys(worker, serves)
  } catch (error) {
    err(`proofsheet worker: ${(error as Error).message}`)
    await store.closeOrLeave(() => worker.close())
    return isJobError(error) && error.kind === 'auth' ? EXIT.auth : EXIT.unreachable
  }
  err(`Working on the team queue at ${store.label} for ${serves.map((p) => providerById(p).name).join(', ')}. Ctrl-C to stop.`)
  const stopped = new Promise<void>((resolve) => {
    const stop = onInterrupt(
      () => {
        const { sent, done } = worker.finish(FINISH_WITHIN_MS, 'Not sent: the worker was stopped')
        err(sent ? `\nFinishing ${sent} paid ${sent === 1 ? 'request' : 'requests'}… (Ctrl-C again to stop now); the other photos go back to the queue.` : '\nStopping: the photos not sent go back to the queue.')
        void done.then(() => {
          stop()
          resolve()
        })
      },
      () => {
        const charged = worker.stopNow('Stopped')
        err(charged.length ? `\nStopped now. These photos were sent and may have been charged: ${charged.map(displayName).join(', ')}` : '\nStopped now.')
        stop()
        resolve()
      }
    )
    process.once('SIGTERM', () => process.emit('SIGINT'))
  })
  await stopped
  // Nothing can be given back to a queue that is away, and waiting for it would hold the worker forever.
  if ((await store.closeOrLeave(() => worker.close())) === 'left') err(`The team queue at ${store.label} cannot be reached: this worker's photos go back to the others when their leases run out.`)
  return EXIT.interrupted
}
