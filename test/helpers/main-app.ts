import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import Conf from 'conf'
import type { EventName } from '../../src/shared/ipc/channels'
import type { EventPayload, Settings } from '../../src/shared/ipc/contract'
import type { ShellActions } from '../../src/main/handlers/context'
import { createApp, type App } from '../../src/main/app/create-app'
import { Keychain } from '../../src/main/keychain/keychain'
import { settingsStoreOptions } from '../../src/main/settings/settings'
import type { Simulator } from '../../src/simulator/server'
import { assertCloneable } from './ipc-clone'
import { tempDir } from './photos'
import { afterEach } from 'vitest'
import pkg from '../../package.json' with { type: 'json' }

export interface TestApp extends App {
  dir: string
  events: { event: EventName; payload: unknown }[]
  keychain: Keychain
  /** Resolves with the first event of this name (after any already seen) that matches. */
  next<E extends EventName>(event: E, match?: (payload: EventPayload<E>) => boolean): Promise<EventPayload<E>>
}

/** Main's real services, as the app wires them, with a keychain entry name of the test's own. */
export async function openTestApp(sim: Simulator, options: { dir?: string; service?: string; typedPaths?: boolean; shell?: Partial<ShellActions>; leaseTtlMs?: number; allowLoopbackUrls?: boolean } = {}): Promise<TestApp> {
  const dir = options.dir ?? tempDir('proofsheet-main-')
  const service = options.service ?? `Proofsheet test ${randomBytes(4).toString('hex')}`
  const events: TestApp['events'] = []
  const waiters: { event: EventName; match: (payload: never) => boolean; resolve: (payload: never) => void }[] = []
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    assertCloneable(payload, `The ${event} event`)
    events.push({ event, payload })
    for (const waiter of [...waiters]) {
      if (waiter.event === event && waiter.match(payload as never)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(payload as never)
      }
    }
  }
  const app = await createApp({
    dataDir: join(dir, 'data'),
    stateDir: join(dir, 'state'),
    keychainService: service,
    openSettingsStore: () => new Conf<Settings>({ ...settingsStoreOptions(), cwd: join(dir, 'data'), projectVersion: pkg.version }),
    urls: sim.urls,
    emit,
    shell: { pickPaths: async () => [], showInFolder: () => undefined, openExternal: () => undefined, ...options.shell },
    typedPaths: options.typedPaths ?? true,
    ...(options.leaseTtlMs ? { leaseTtlMs: options.leaseTtlMs } : {}),
    ...(options.allowLoopbackUrls ? { allowLoopbackUrls: true } : {})
  })
  const keychain = new Keychain(service)
  let closed: Promise<void> | undefined
  return {
    ...app,
    dir,
    events,
    keychain,
    next: (event, match = () => true) => new Promise((resolve) => waiters.push({ event, match: match as (payload: never) => boolean, resolve: resolve as (payload: never) => void })),
    close() {
      closed ??= (async () => {
        await app.close()
        for (const provider of ['photoroom', 'pixelcut', 'phota']) await keychain.delete(provider).catch(() => undefined)
      })()
      return closed
    }
  }
}

type OpenOptions = Parameters<typeof openTestApp>[1]

/** Opens test apps that are closed after each test, whatever the test did (closing again is harmless). */
export function useTestApps(): (sim: Simulator, options?: OpenOptions) => Promise<TestApp> {
  const open = new Set<TestApp>()
  afterEach(async () => {
    const closing = [...open].map((app) => app.close())
    open.clear()
    await Promise.allSettled(closing)
  })
  return async (sim, options) => {
    const app = await openTestApp(sim, options)
    open.add(app)
    return app
  }
}
