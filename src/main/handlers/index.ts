import { PAGE_SIZE, type AppState, type Handlers, type KeyStatus } from '../../shared/ipc/contract'
import { OPERATIONS, PROVIDER_IDS, PROVIDER_NAMES, type ProviderId } from '../../shared/operations'
import { catalogHandlers } from './catalog'
import type { HandlerContext } from './context'
import { jobsHandlers } from './jobs'
import { keysHandlers } from './keys'
import { reviewHandlers } from './review'
import { settingsHandlers } from './settings'

/** Every request the renderer can make, composed once from the domains; Electron IPC and the test transport both call it. */
export function createHandlers(c: HandlerContext): Handlers {
  return {
    getState: () => appState(c),
    ...catalogHandlers(c),
    ...jobsHandlers(c),
    ...reviewHandlers(c),
    ...keysHandlers(c),
    ...settingsHandlers(c)
  }
}

/** The first screen: counts and the first rows, never the whole catalog. */
async function appState(c: HandlerContext): Promise<AppState> {
  const keyStatus = (provider: ProviderId): Promise<KeyStatus> =>
    c.keys.status(provider).catch((error: Error) => ({ provider, state: 'not-set' as const, sandbox: false, message: error.message }))
  return {
    summary: c.photos.summary(),
    firstRows: c.photos.range(0, PAGE_SIZE).rows,
    preset: c.photos.preset(),
    jobs: c.runner.latestJobs(),
    queue: c.runner.queueState(),
    keys: await Promise.all(PROVIDER_IDS.map(keyStatus)),
    balances: c.balances.all(),
    settings: c.settings.get(),
    providers: PROVIDER_IDS.map((id) => ({ id, name: PROVIDER_NAMES[id] })),
    operations: OPERATIONS.map((o) => ({ id: o.id, label: o.label })),
    typedPaths: c.typedPaths
  }
}
