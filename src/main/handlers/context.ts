import type { EmitEvent, Estimate, EventPayload, PickPurpose } from '../../shared/ipc/contract'
import type { BalanceTracker } from '../app/balance-tracker'
import type { Catalog } from '../catalog/catalog'
import type { ImageFiles } from '../images/image-files'
import type { RunQueue } from '../runs/run-queue'
import type { ExportRunner } from '../jobs/export-runner'
import type { ApiKeys } from '../keychain/api-keys'
import type { PhotoEvents } from '../photos/photo-events'
import type { PhotoLibrary } from '../photos/photo-library'
import type { UrlPhotos } from '../photos/url-photos'
import type { PresetLibrary } from '../presets/preset-library'
import type { SettingsService } from '../settings/settings'
import type { TeamQueueSetting } from '../team/team-queue-setting'
import type { WatchedFolders } from '../watch/watched-folders'
import type { Confirmations } from './confirmations'
import type { GrantedPaths } from './granted-paths'

/**
 * What a native picker is opened for: photos (files and folders), a folder to watch, an image for a
 * parameter, a preset file to import or a folder to export one into, or a window's choice.
 */
export type PickerPurpose = 'photos' | 'watch-folder' | 'param-image' | 'preset-file' | 'preset-folder' | PickPurpose

/** What only the desktop shell can do; the test transport supplies its own. */
export interface ShellActions {
  /** A native picker for `purpose`, titled for it; resolves to the chosen paths (none when cancelled). */
  pickPaths(purpose: PickerPurpose): Promise<string[]>
  showInFolder(path: string): void
  /** Opens a web address in the user's browser; main checks it first. */
  openExternal(url: string): void
}

/** Main's services, as each domain's handlers see them. */
export interface HandlerContext {
  catalog: Catalog
  photos: PhotoLibrary
  /** Photos by web address: typed, or from a list or product CSV the user chose. */
  urlPhotos: UrlPhotos
  photoEvents: PhotoEvents
  presets: PresetLibrary
  watched: WatchedFolders
  keys: ApiKeys
  settings: SettingsService
  teamQueue: TeamQueueSetting
  balances: BalanceTracker
  runner: RunQueue
  exports: ExportRunner
  images: ImageFiles
  emit: EmitEvent
  shell: ShellActions
  /**
   * Whether the renderer may name paths itself. Off in the app, where paths come only from the native
   * picker or a drop, so a compromised renderer cannot add (and then read) an arbitrary file.
   */
  typedPaths: boolean
  /** Notices from start-up, sent before any window could hear them: the first state carries them. */
  startNotices: EventPayload<'notice'>[]
  /** The paths the window may name (its own are refused unless typed paths are allowed). */
  grants: GrantedPaths
  /** Tokens for what must be confirmed: paid runs (with the cost confirmed) and raising the budget cap. */
  confirmations: { runs: Confirmations<Estimate>; caps: Confirmations<null> }
}

/** Main's services as create-app wires them; the handlers add what guards the boundary. */
export type AppServices = Omit<HandlerContext, 'grants' | 'confirmations'>
