import { join } from 'node:path'
import type Conf from 'conf'
import type { ProviderId, ProviderUrls } from '../../engine'
import type { EmitEvent, EventPayload, Handlers, Settings } from '../../shared/ipc/contract'
import { openCatalog } from '../catalog/open-catalog'
import type { Catalog } from '../catalog/catalog'
import { createHandlers } from '../handlers'
import { PHOTOS_FROM_THE_WEB } from '../photos/url-list'
import { UrlPhotos } from '../photos/url-photos'
import type { ShellActions } from '../handlers/context'
import { ImageFiles } from '../images/image-files'
import { RunQueue, type RunnerHooks } from '../runs/run-queue'
import { ExportRunner } from '../jobs/export-runner'
import { ApiKeys } from '../keychain/api-keys'
import { Keychain } from '../keychain/keychain'
import { TeamQueueSetting } from '../team/team-queue-setting'
import { FactsReader } from '../photos/facts-reader'
import { PhotoEvents } from '../photos/photo-events'
import { PhotoLibrary } from '../photos/photo-library'
import { PresetLibrary } from '../presets/preset-library'
import { openSettingsStore, SettingsService } from '../settings/settings'
import type { WatchOptions } from '../watch/folder-watcher'
import { WatchedFolders } from '../watch/watched-folders'
import { BalanceTracker } from './balance-tracker'
import { BalanceReader } from './balances'
import { KeptResults } from './kept-results'

export interface AppOptions {
  /** Where the catalog lives (the app's user-data folder). */
  dataDir: string
  /** Where paid results, the journal, thumbnails and previews are kept. */
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
  /** How watched folders decide a file is written; tests settle faster. */
  watch?: WatchOptions
  /** How long a work item's lease holds without a heartbeat: a killed app's items are taken again after it. */
  leaseTtlMs?: number
  /** Lets product CSVs and lists name photos on this machine (tests and the harness serve them on loopback). */
  allowLoopbackUrls?: boolean
  /** The catalog's native module built for Electron's ABI (the app); tests use the Node build. */
  nativeBinding?: string
}

export interface App {
  handlers: Handlers<ProviderId>
  catalog: Catalog
  photos: PhotoLibrary
  settings: SettingsService
  images: ImageFiles
  /** For Settings: the size of the kept paid results, and clearing their bytes. */
  keptResults: KeptResults
  watched: WatchedFolders
  /** The work queue: its state, its photos' jobs and their notices. */
  runner: RunQueue
  /** Finishes the paid requests on the wire (visible in the queue), then closes everything and the catalog cleanly. */
  close(): Promise<void>
}

/** Wires main's services together with no Electron in sight, so the app and the test transport share it. */
export async function createApp(o: AppOptions): Promise<App> {
  const { store, problem: settingsProblem } = openSettingsStore(o.openSettingsStore, o.dataDir)
  const startNotices: EventPayload<'notice'>[] = settingsProblem ? [{ level: 'warning', message: settingsProblem }] : []
  const settings = new SettingsService(store)
  const reader = new BalanceReader(o.urls, o.stateDir)
  const keychain = new Keychain(o.keychainService)
  const keys = new ApiKeys(keychain, (provider, key) => reader.read(provider, key))
  const teamQueue = new TeamQueueSetting(keychain, settings)
  const balances = new BalanceTracker(reader, keys, o.emit)
  const { catalog, notices } = await openCatalog(o.dataDir, o.nativeBinding)
  startNotices.push(...notices)
  for (const notice of startNotices) o.emit('notice', notice)
  const photoEvents: PhotoEvents = new PhotoEvents(o.emit, { rows: (ids) => photos.rows(ids), summary: () => photos.summary() })
  const facts = new FactsReader(catalog, photoEvents)
  const variantsDir = join(o.stateDir, 'variants')
  const photos: PhotoLibrary = new PhotoLibrary(catalog, photoEvents, facts, settings.get().defaultPreset, variantsDir)
  const runner = new RunQueue({ catalog, photos, photoEvents, keys, settings, balances, emit: o.emit, urls: o.urls, stateDir: o.stateDir, variantsDir, hooks: o.hooks, leaseTtlMs: o.leaseTtlMs, teamQueue })
  await runner.open()
  const presets = new PresetLibrary(catalog, photos, o.emit)
  const urlPhotos = new UrlPhotos(catalog, photos, join(o.stateDir, PHOTOS_FROM_THE_WEB), o.allowLoopbackUrls ? 'loopback' : 'public')
  const watched = new WatchedFolders(catalog, photos, runner, o.emit, o.watch)
  await watched.start()
  const exports = new ExportRunner(catalog, o.emit)
  const images = new ImageFiles(catalog, o.stateDir)
  const handlers = createHandlers({ catalog, photos, urlPhotos, photoEvents, presets, watched, keys, settings, teamQueue, balances, runner, exports, images, emit: o.emit, shell: o.shell, typedPaths: o.typedPaths, startNotices })
  balances.start(o.balanceIntervalMs ?? 60_000)
  return {
    handlers,
    catalog,
    photos,
    settings,
    images,
    keptResults: new KeptResults(o.stateDir),
    watched,
    runner,
    async close() {
      balances.stop()
      await watched.close()
      exports.cancel()
      // Paid requests already sent are given time to answer ("Finishing N paid requests…"), so what was bought is kept.
      await runner.close()
      await facts.stop()
      photoEvents.flush()
      catalog.close()
      await reader.close()
    }
  }
}
