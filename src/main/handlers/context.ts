import type { EmitEvent, EventPayload } from '../../shared/ipc/contract'
import type { BalanceTracker } from '../app/balance-tracker'
import type { Catalog } from '../catalog/catalog'
import type { ImageFiles } from '../images/image-files'
import type { BatchRunner } from '../jobs/batch-runner'
import type { ExportRunner } from '../jobs/export-runner'
import type { ApiKeys } from '../keychain/api-keys'
import type { PhotoEvents } from '../photos/photo-events'
import type { PhotoLibrary } from '../photos/photo-library'
import type { PresetLibrary } from '../presets/preset-library'
import type { SettingsService } from '../settings/settings'
import type { WatchedFolders } from '../watch/watched-folders'

/** What only the desktop shell can do; the test transport supplies its own. */
export interface ShellActions {
  /**
   * A native picker; resolves to the chosen paths (none when cancelled): photos and folders to add, or
   * one folder to watch (a folder-only picker titled for it).
   */
  pickPaths(purpose: 'photos' | 'watch-folder'): Promise<string[]>
  /** A native picker for one file: an image for a parameter, or a preset file; null when cancelled. */
  pickFile?(options: { title: string; kind: 'image' | 'preset' }): Promise<string | null>
  /** A native picker for one folder; null when cancelled. */
  pickFolder?(options: { title: string }): Promise<string | null>
  showInFolder(path: string): void
}

/** Main's services, as each domain's handlers see them. */
export interface HandlerContext {
  catalog: Catalog
  photos: PhotoLibrary
  photoEvents: PhotoEvents
  presets: PresetLibrary
  watched: WatchedFolders
  keys: ApiKeys
  settings: SettingsService
  balances: BalanceTracker
  runner: BatchRunner
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
}
