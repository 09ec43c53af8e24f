import { PAGE_SIZE } from '../../shared/ipc/channels'
import type { AppState, Handlers, KeyStatus } from '../../shared/ipc/contract'
import { describeOperation } from '../../shared/operations/descriptor'
import { allOperations, PROVIDERS, type ProviderId } from '../../engine'
import { catalogHandlers } from './catalog'
import { exportHandlers } from './export'
import type { HandlerContext } from './context'
import { jobsHandlers } from './jobs'
import { keysHandlers } from './keys'
import { paramFilesHandlers } from './param-files'
import { presetsHandlers } from './presets'
import { reviewHandlers } from './review'
import { settingsHandlers } from './settings'
import { watchHandlers } from './watch'

/** Every request the renderer can make, composed once from the domains; Electron IPC and the test transport both call it. */
export function createHandlers(c: HandlerContext): Handlers<ProviderId> {
  return {
    getState: () => appState(c),
    ...catalogHandlers(c),
    ...presetsHandlers(c),
    ...paramFilesHandlers(c),
    ...watchHandlers(c),
    ...jobsHandlers(c),
    ...reviewHandlers(c),
    ...exportHandlers(c),
    ...keysHandlers(c),
    ...settingsHandlers(c)
  }
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
    jobs: c.runner.jobsOf(firstRows.map((r) => r.id)),
    queue: c.runner.queueState(),
    export: c.exports.state(),
    keys: [],
    balances: c.balances.all(),
    settings: c.settings.get(),
    providers: PROVIDERS.map((p) => ({ id: p.id, name: p.name })),
    operations: allOperations().map(describeOperation),
    startNotices: c.startNotices,
    typedPaths: c.typedPaths
  }
}
