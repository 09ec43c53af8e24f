import { join } from 'node:path'
import type Conf from 'conf'
import type { EmitEvent, Settings } from '../../shared/ipc/contract'
import type { ProviderUrls } from '../../engine/providers/registry'
import { Thumbnails } from '../images/thumbnails'
import { ApiKeys } from '../keychain/api-keys'
import { Keychain } from '../keychain/keychain'
import { Library } from '../library/library'
import { openSettingsStore, SettingsService } from '../settings/settings'
import { AppService, type ShellActions } from './app-service'
import { BalanceTracker } from './balance-tracker'
import { BalanceReader } from './balances'
import { BatchRunner, type RunnerHooks } from './batch-runner'

export interface AppOptions {
  /** Where the session lives (the app's user-data folder). */
  dataDir: string
  /** Where paid results, the journal and thumbnails are cached. */
  stateDir: string
  /** The keychain entry's service name; tests use their own so they never touch the user's keys. */
  keychainService: string
  /** Opens an electron-store in the app, a plain conf store in tests: the same options either way. */
  openSettingsStore: () => Conf<Settings>
  urls: ProviderUrls
  emit: EmitEvent
  shell: ShellActions
  typedPaths: boolean
  hooks?: RunnerHooks
  balanceIntervalMs?: number
}

export interface App {
  service: AppService
  library: Library
  settings: SettingsService
  thumbnails: Thumbnails
  close(): Promise<void>
}

/** Wires main's services together with no Electron in sight, so the app and the test transport share it. */
export async function createApp(o: AppOptions): Promise<App> {
  const { store, problem: settingsProblem } = openSettingsStore(o.openSettingsStore, o.dataDir)
  if (settingsProblem) o.emit('notice', { level: 'warning', message: settingsProblem })
  const settings = new SettingsService(store)
  const reader = new BalanceReader(o.urls, o.stateDir)
  const keys = new ApiKeys(new Keychain(o.keychainService), (provider, key) => reader.read(provider, key))
  const balances = new BalanceTracker(reader, keys, o.emit)
  const { library, problem } = await Library.open(join(o.dataDir, 'session.json'), settings.get().defaultPreset)
  if (problem) o.emit('notice', { level: 'warning', message: problem })
  const runner = new BatchRunner({ library, keys, settings, balances, emit: o.emit, urls: o.urls, stateDir: o.stateDir, hooks: o.hooks })
  const service = new AppService({ library, keys, settings, balances, runner, emit: o.emit, shell: o.shell, typedPaths: o.typedPaths })
  balances.start(o.balanceIntervalMs ?? 60_000)
  return {
    service,
    library,
    settings,
    thumbnails: new Thumbnails(join(o.stateDir, 'thumbnails')),
    async close() {
      balances.stop()
      runner.cancel()
      await library.save()
      await reader.close()
    }
  }
}
