import { resolve } from 'node:path'
import type { EmitEvent, WatchedFolder } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { Catalog } from '../catalog/catalog'
import type { RunQueue } from '../runs/run-queue'
import type { PhotoLibrary } from '../photos/photo-library'
import { FolderWatcher, refusedNotice, type WatchOptions } from './folder-watcher'

/**
 * Hot folders: each watched folder's new photos are added to the catalog as they arrive and, where
 * the user chose it, run with the batch preset or as a run of a named preset (of any operation),
 * within the budget cap the runner applies to every run.
 */
export class WatchedFolders {
  private readonly watchers = new Map<number, FolderWatcher>()

  constructor(
    private readonly catalog: Catalog,
    private readonly photos: PhotoLibrary,
    private readonly runner: RunQueue,
    private readonly emit: EmitEvent,
    private readonly options: WatchOptions = {}
  ) {}

  /** Watches every folder the catalog remembers. */
  async start(): Promise<void> {
    await Promise.all(this.catalog.watchedFolders().map((row) => this.open(this.toFolder(row))))
  }

  list(): WatchedFolder[] {
    return this.catalog.watchedFolders().map((row) => this.toFolder(row))
  }

  /** What is already in the folder is added now; only what arrives later runs automatically. */
  async add(path: string, autoRun: boolean, presetId: number | null): Promise<WatchedFolder> {
    if (presetId !== null && !this.catalog.presets().some((p) => p.id === presetId)) throw new AppError('not-found', 'That preset is no longer in the catalog.')
    const { skipped } = await this.photos.add([resolve(path)])
    if (skipped.some((s) => s.path === resolve(path))) throw new AppError('invalid-input', `${path} cannot be watched: ${skipped[0]?.reason ?? 'not a folder'}.`)
    const folder = this.toFolder(this.catalog.addWatchedFolder({ path: resolve(path), autoRun, presetId }))
    await this.watchers.get(folder.id)?.close()
    await this.open(folder)
    this.emit('watched', this.list())
    return folder
  }

  async remove(id: number): Promise<void> {
    await this.watchers.get(id)?.close()
    this.watchers.delete(id)
    this.catalog.removeWatchedFolder(id)
    this.emit('watched', this.list())
  }

  async close(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.close()))
    this.watchers.clear()
  }

  private async open(folder: WatchedFolder): Promise<void> {
    const watcher = new FolderWatcher(
      folder.path,
      (paths, refused) => {
        if (refused.length) this.emit('notice', { level: 'warning', message: refusedNotice(folder.path, refused) })
        if (paths.length) void this.arrived(folder.id, paths).catch((error: Error) => this.emit('notice', { level: 'error', message: error.message }))
      },
      this.options
    )
    this.watchers.set(folder.id, watcher)
    await watcher.ready()
  }

  private async arrived(folderId: number, paths: string[]): Promise<void> {
    const folder = this.list().find((f) => f.id === folderId)
    if (!folder) return
    await this.photos.add(paths, folder.path)
    if (!folder.autoRun) return
    const ids = [...this.catalog.photoIdsByPath(paths).values()]
    const named = folder.presetId === null ? undefined : this.catalog.presets().find((p) => p.id === folder.presetId)
    // A run of the named preset, whatever the batch's operation: nothing is written on the photos, so
    // the inspector shows them as they are and a later batch run treats them like any other.
    const preset = named && { operationId: named.operationId, values: named.values }
    // Added to the queue as they arrive, running or not.
    await this.runner.start(ids, { buyAgain: false, ...(preset ? { preset } : {}) }).catch((error: Error) => this.emit('notice', { level: 'error', message: `New photos were added but not run: ${error.message}` }))
  }

  private toFolder(row: { id: number; path: string; autoRun: boolean; presetId: number | null }): WatchedFolder {
    return { id: row.id, path: row.path, autoRun: row.autoRun, presetId: row.presetId }
  }
}
