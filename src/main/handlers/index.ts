import { PAGE_SIZE } from '../../shared/ipc/channels'
import type { AppState, Handlers, KeyStatus, PhotoRow } from '../../shared/ipc/contract'
import type { Job } from '../../shared/jobs'
import { describeOperation } from '../../shared/operations/descriptor'
import { allOperations, PROVIDERS, type ProviderId } from '../../engine'
import { catalogHandlers } from './catalog'
import { confirmHandlers } from './confirm'
import { Confirmations } from './confirmations'
import { exportHandlers } from './export'
import type { AppServices, HandlerContext } from './context'
import { GrantedPaths } from './granted-paths'
import { jobsHandlers } from './jobs'
import { keysHandlers } from './keys'
import { paramFilesHandlers } from './param-files'
import { pathsHandlers } from './paths'
import { presetsHandlers } from './presets'
import { reviewHandlers } from './review'
import { settingsHandlers } from './settings'
import { watchHandlers } from './watch'

/** What main already holds that the window may name again: added and watched folders, the output folder. */
function heldPaths(s: AppServices): string[] {
  const roots = new Set(s.catalog.folderCounts().map((f) => f.root))
  const output = s.settings.get().outputFolder
  return [...roots, ...s.watched.list().map((w) => w.path), ...(output ? [output] : [])]
}

/**
 * Every request the renderer can make, composed once from the domains; Electron IPC and the test
 * transport both call it. The window proposes and main decides: paths it names must be ones main was
 * given, and spending starts only from main's own confirmation.
 */
export function createHandlers(services: AppServices): Handlers<ProviderId> {
  const c: HandlerContext = {
    ...services,
    grants: new GrantedPaths(services.typedPaths, () => heldPaths(services)),
    confirmations: { runs: new Confirmations(), caps: new Confirmations() }
  }
  const jobs = jobsHandlers(c)
  return {
    getState: () => appState(c),
    ...catalogHandlers(c),
    ...presetsHandlers(c),
    ...paramFilesHandlers(c),
    ...watchHandlers(c),
    ...jobs,
    ...confirmHandlers(c, jobs),
    ...reviewHandlers(c),
    ...exportHandlers(c),
    ...keysHandlers(c),
    ...settingsHandlers(c),
    ...pathsHandlers(c)
  }
}

/** Most failed or skipped photos listed at start: Needs attention groups them by reason, never one by one. */
const MOST_ATTENTION = 5_000

/** The first rows' jobs, and those of photos that need attention wherever they are in the catalog. */
function firstJobs(c: HandlerContext, firstRows: PhotoRow[]): Job[] {
  const jobs = new Map(c.runner.needingAttention(MOST_ATTENTION).map((job) => [job.ref, job]))
  for (const job of c.runner.jobsOf(firstRows.map((r) => r.id))) jobs.set(job.ref, job)
  return [...jobs.values()]
}

/**
 * The first screen: counts and the first rows, never the whole catalog. Key statuses follow as `keys`
 * events: a locked GNOME keyring or a KWallet waiting for its password must not hold the window empty.
 */
async function appState(c: HandlerContext): Promise<AppState> {
  const keyStatus = (provider: ProviderId): Promise<KeyStatus> =>
    c.keys.status(provider).catch((error: Error) => ({ provider, state: 'not-set' as const, sandbox: false, message: error.message }))
  setImmediate(() => PROVIDERS.forEach((p) => void keyStatus(p.id).then((status) => c.emit('keys', status))))
  const firstRows = c.photos.range(0, PAGE_SIZE).rows
  return {
    summary: c.photos.summary(),
    firstRows,
    preset: c.photos.preset(),
    presets: c.presets.list(),
    watched: c.watched.list(),
    jobs: firstJobs(c, firstRows),
    queue: c.runner.queueState(),
    export: c.exports.state(),
    keys: [],
    balances: c.balances.all(),
    settings: c.settings.get(),
    providers: PROVIDERS.map((p) => ({ id: p.id, name: p.name, sandbox: p.operations.some((o) => o.pricing.sandboxFree === true) })),
    operations: allOperations().map(describeOperation),
    startNotices: c.startNotices,
    typedPaths: c.typedPaths
  }
}
