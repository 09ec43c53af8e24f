import { rm } from 'node:fs/promises'
import { setImmediate as yieldToEvents } from 'node:timers/promises'
import { inside, type SkippedPath } from '../../engine'
import type { CatalogSummary, PhotoRow, Preset } from '../../shared/ipc/contract'
import type { ProviderOperation } from '../../engine'
import type { ParamValues } from '../../shared/operations'
import { AppError } from '../app/app-error'
import type { Catalog } from '../catalog/catalog'
import type { PhotoQuery } from '../catalog/photo-query'
import type { PhotoRow as CatalogPhoto, NewPhoto } from '../catalog/photos'
import { operationFor, refuseInvalid } from './effective-params'
import type { FactsReader } from './facts-reader'
import { findPhotos } from './find-photos'
import { inChunks } from './in-chunks'
import type { PhotoEvents } from './photo-events'
import { photoRows } from './photo-rows'

/** Rows written per transaction while adding: each write stays well under a frame of main's time. */
const CHUNK = 250
/** Removals that can be undone, the latest first; older ones are forgotten for good. */
const UNDOABLE = 20

/**
 * The photos the user has added, as the catalog keeps them: adding, removing, the batch preset and
 * each photo's overrides. Rows are listed at once; their facts are read in the background.
 */
export class PhotoLibrary {
  /** Bumped when photos come or go, so the window knows its fetched ranges are stale. */
  private version = 0
  /** This session's removals, oldest first: Undo puts back the latest. */
  private readonly undoable: number[] = []

  constructor(
    private readonly catalog: Catalog,
    private readonly events: PhotoEvents,
    private readonly facts: FactsReader,
    private readonly defaultPreset: Preset,
    /** Where the app keeps its copies of results: the only files removing photos may delete. */
    private readonly variantsDir: string
  ) {
    facts.wake()
    void this.forgetRemovals()
  }

  /** Files and folders (recursively); junk and what cannot be a photo are reported, not added. */
  async add(paths: string[], within?: string): Promise<{ added: number; skipped: SkippedPath[] }> {
    const { found, skipped } = await findPhotos(paths, within)
    return { added: await this.addFound(found), skipped }
  }

  /** Photos already found (Proofsheet's copies of photos by web address, placed in one folder of the tree); returns how many were new. */
  async addFound(found: readonly NewPhoto[]): Promise<number> {
    let added = 0
    for (let i = 0; i < found.length; i += CHUNK) {
      const chunk = this.catalog.addPhotosCount(found.slice(i, i + CHUNK))
      // Each chunk changes the list: a range fetched between two chunks must read as stale.
      if (chunk) this.version++
      added += chunk
      if (i + CHUNK < found.length) await yieldToEvents()
    }
    if (added) {
      this.events.summaryChanged()
      this.facts.wake()
    }
    return added
  }

  /**
   * From the catalog only: the user's files are never touched. The photos are kept whole until the
   * removal can no longer be undone (a later session, or many removals on); only then do the app's
   * copies of their results that no other photo uses go.
   */
  remove(ids: number[]): void {
    const { removal } = this.catalog.removePhotos(ids)
    if (removal === null) return
    this.undoable.push(removal)
    void this.forget(this.undoable.splice(0, Math.max(0, this.undoable.length - UNDOABLE)))
    this.changedList()
    this.events.removed(ids)
  }

  /** Puts back the photos of this session's latest removal, with their overrides, review marks and results. */
  undoRemove(): { restored: number; notRestored: number } {
    const removal = this.undoable.pop()
    if (removal === undefined) return { restored: 0, notRestored: 0 }
    const { restored, notRestored } = this.catalog.restoreRemoval(removal)
    this.changedList()
    this.events.changed(restored)
    this.facts.wake()
    return { restored: restored.length, notRestored }
  }

  private changedList(): void {
    this.version++
    this.events.summaryChanged()
  }

  /** What a new session does: earlier removals can no longer be undone, and the copies only they used go. */
  forgetRemovals(): Promise<void> {
    this.undoable.length = 0
    return this.forget(this.catalog.removalIds())
  }

  /**
   * Removals forgotten for good: the kept copies only they used go, one at a time; one that cannot go
   * stays, and a removal the catalog cannot forget now is forgotten at the next start.
   */
  private async forget(removals: number[]): Promise<void> {
    if (!removals.length) return
    let unused: string[]
    try {
      unused = this.catalog.purgeRemovals(removals)
    } catch (error) {
      return console.error('Proofsheet: removed photos could not be forgotten yet:', error)
    }
    for (const file of unused) if (inside(file, this.variantsDir)) await rm(file, { force: true }).catch(() => undefined)
  }

  preset(): Preset {
    return this.catalog.currentPreset() ?? this.defaultPreset
  }

  setPreset(preset: Preset): void {
    refuseInvalid(operationFor(preset.operationId), preset.values)
    this.catalog.setCurrentPreset(preset)
  }

  /** One row written, one small event. */
  setOverrides(id: number, values: ParamValues): void {
    this.require(id)
    const preset = this.preset()
    refuseInvalid(operationFor(preset.operationId), { ...preset.values, ...values })
    this.catalog.setOverrides(id, values)
    this.events.changed([id])
  }

  /** One edit for many photos, all written or none: `set` takes values, `reset` goes back to the preset. */
  editOverrides(ids: number[], set: ParamValues, reset: string[]): void {
    const preset = this.preset()
    const operation = operationFor(preset.operationId)
    const next = ids.map((id) => {
      const overrides = Object.fromEntries(Object.entries(this.require(id).overrides).filter(([name]) => !reset.includes(name) && !(name in set)))
      return { id, values: { ...overrides, ...set } }
    })
    // Checked once per distinct result, not per photo: a big selection usually shares its overrides.
    const checked = new Set<string>()
    for (const { values } of next) {
      const key = JSON.stringify(values)
      if (!checked.has(key)) refuseInvalid(operation, { ...preset.values, ...values })
      checked.add(key)
    }
    this.catalog.transaction(() => next.forEach(({ id, values }) => this.catalog.setOverrides(id, values)))
    this.events.changed(ids)
  }

  /** Per parameter: how many of these photos override it, and up to two of its distinct values; one query per chunk. */
  async overridesOf(ids: number[]): Promise<Record<string, { count: number; values: unknown[] }>> {
    const summary: Record<string, { count: number; values: unknown[]; seen: Set<string> }> = {}
    await inChunks([...new Set(ids)], (chunk) => {
      for (const overrides of this.catalog.overridesOf(chunk)) {
        for (const [name, value] of Object.entries(overrides)) {
          const entry = (summary[name] ??= { count: 0, values: [], seen: new Set() })
          entry.count++
          const key = JSON.stringify(value)
          if (entry.values.length < 2 && !entry.seen.has(key)) entry.values.push(value)
          entry.seen.add(key)
        }
      }
    })
    return Object.fromEntries(Object.entries(summary).map(([name, { count, values }]) => [name, { count, values }]))
  }

  /** What each photo is sent with: the preset, then the photo's own overrides; the preset is read once. */
  effective(ids: number[]): { photo: CatalogPhoto; operation: ProviderOperation; values: ParamValues }[] {
    const preset = this.preset()
    const operation = operationFor(preset.operationId)
    return ids.map((id) => {
      const photo = this.require(id)
      return { photo, operation, values: { ...preset.values, ...photo.overrides } }
    })
  }

  rows(ids: number[]): PhotoRow[] {
    return photoRows(this.catalog, ids.flatMap((id) => this.catalog.photo(id) ?? []))
  }

  /** One range of the gallery, sorted and filtered by main; `total` is how many the query lists. */
  range(offset: number, limit: number, query: PhotoQuery = {}): { rows: PhotoRow[]; total: number } {
    return { rows: photoRows(this.catalog, this.catalog.queryPhotos(query, { offset, limit })), total: this.catalog.countQueried(query) }
  }

  ids(query: PhotoQuery = {}): number[] {
    return this.catalog.queryPhotoIds(query)
  }

  summary(): CatalogSummary {
    return { total: this.catalog.countPhotos(), pending: this.catalog.countPendingFacts(), folders: this.catalog.folderCounts(), version: this.version }
  }

  require(id: number): CatalogPhoto {
    const photo = this.catalog.photo(id)
    if (!photo) throw new AppError('not-found', 'That photo is no longer in the catalog.')
    return photo
  }

  /** Resolves once every photo's facts are read and the window has been told (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.facts.idle()
    this.events.flush()
  }
}
