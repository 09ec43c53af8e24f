import type { ParamValues } from '../../shared/operations'
import { BudgetCount } from './budget'
import { CaptureDates } from './capture-dates'
import { openDatabase, type Db, type OpenOptions } from './database'
import { PhotoQueries, type PhotoQuery } from './photo-query'
import { PhotoSources, type PhotoSource } from './photo-sources'
import { Photos, toPhoto, type FolderCount, type NewPhoto, type OverrideGroup, type PhotoFacts, type PhotoRow } from './photos'
import { Presets, type BatchPreset, type NewPreset, type PresetRow } from './presets'
import { Removals } from './removals'
import { Results, type Bought, type NewResult, type ResultRow } from './results'
import { Reviews, type ReviewPatch, type ReviewRow } from './review'
import { StoreChecks, type StoreCheckRow } from './store-checks'
import { WatchedFolders, type NewWatchedFolder, type WatchedFolderRow } from './watched-folders'
import { SqliteWorkStore } from './work-items'

/**
 * The photo catalog: one SQLite file holding the photos, every result as a variant, the review,
 * presets and watched folders. Synchronous (better-sqlite3): each call is one short statement or one
 * transaction, so callers chunk big batches themselves.
 */
export class Catalog {
  private readonly photos: Photos
  private readonly queries: PhotoQueries
  private readonly resultStore: Results
  private readonly reviewStore: Reviews
  private readonly presetStore: Presets
  private readonly folders: WatchedFolders
  private readonly storeCheckStore: StoreChecks
  private readonly captureDates: CaptureDates
  private readonly removals: Removals
  private readonly sources: PhotoSources
  /** The runs' work items: the app's work store. */
  readonly workItems: SqliteWorkStore
  /** What was spent against the budget cap since it was set or reset. */
  readonly budget: BudgetCount

  private constructor(private readonly db: Db) {
    this.photos = new Photos(db)
    this.queries = new PhotoQueries(db, toPhoto)
    this.resultStore = new Results(db)
    this.reviewStore = new Reviews(db)
    this.presetStore = new Presets(db)
    this.folders = new WatchedFolders(db)
    this.storeCheckStore = new StoreChecks(db)
    this.captureDates = new CaptureDates(db)
    this.removals = new Removals(db)
    this.sources = new PhotoSources(db)
    this.workItems = new SqliteWorkStore(db)
    this.budget = new BudgetCount(db)
  }

  static open(path: string, options?: OpenOptions): Catalog {
    return new Catalog(openDatabase(path, options))
  }

  /** Several calls as one: all written or none (nested calls join the outer transaction). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  close(): void {
    this.db.close()
  }

  // Photos
  addPhotos(rows: readonly NewPhoto[]): PhotoRow[] { return this.photos.add(rows) }
  addPhotosCount(rows: readonly NewPhoto[]): number { return this.photos.addCount(rows) }
  setPhotoFacts(id: number, facts: PhotoFacts): void { this.photos.setFacts(id, facts) }
  setContentHash(id: number, hash: string): void { this.photos.setContentHash(id, hash) }
  photo(id: number): PhotoRow | undefined { return this.photos.photo(id) }
  photoByPath(path: string): PhotoRow | undefined { return this.photos.photoByPath(path) }
  photoIdsByPath(paths: readonly string[]): Map<string, number> { return this.photos.idsByPaths(paths) }
  listPhotos(range: { offset: number; limit: number }): PhotoRow[] { return this.photos.list(range) }
  photoIds(): number[] { return this.photos.ids() }
  /** Sorted and filtered in SQL, so the gallery's ranges stay the unit however many photos there are. */
  queryPhotos(query: PhotoQuery, range: { offset: number; limit: number }): PhotoRow[] { return this.queries.list(query, range) }
  queryPhotoIds(query: PhotoQuery): number[] { return this.queries.ids(query) }
  countQueried(query: PhotoQuery): number { return this.queries.count(query) }
  countPhotos(): number { return this.photos.countAll() }
  folderCounts(): FolderCount[] { return this.photos.folderCounts() }
  pendingFacts(limit: number): PhotoRow[] { return this.photos.pendingFacts(limit) }
  countPendingFacts(): number { return this.photos.pendingCount() }
  unreadablePhotos(limit: number): PhotoRow[] { return this.photos.unreadablePhotos(limit) }
  /** An unreadable photo whose file changed goes back to being read; false when it was not unreadable. */
  readPhotoAgain(id: number): boolean { return this.photos.readAgain(id) }
  undatedPhotos(limit: number): { id: number; path: string }[] { return this.captureDates.unread(limit) }
  setCaptureDate(id: number, capturedAt: number | null): void { this.captureDates.set(id, capturedAt) }
  /** With their results and review, kept as one removal (null when none was in the catalog) until it is put back or purged. */
  removePhotos(ids: readonly number[]): { removed: number; removal: number | null } { return this.removals.remove(ids) }
  /** The photos of a removal put back, with everything of theirs; one whose file was added again stays out. */
  restoreRemoval(removal: number): { restored: number[]; notRestored: number } { return this.removals.restore(removal) }
  removalIds(): number[] { return this.removals.removals() }
  /** Removals forgotten for good; returns the kept result copies nothing uses any more. */
  purgeRemovals(removals: readonly number[]): string[] { return this.removals.purge(removals) }
  setOverrides(id: number, values: ParamValues): void { this.photos.setOverrides(id, values) }
  overrides(id: number): ParamValues | undefined { return this.photos.overrides(id) }
  overridesOf(ids: readonly number[]): ParamValues[] { return this.photos.overridesOf(ids) }
  overrideGroups(ids: readonly number[] | undefined, outputFolder: string | null): OverrideGroup[] { return this.photos.overrideGroups(ids, outputFolder) }

  // Photos by web address
  setPhotoSource(photoId: number, source: PhotoSource): void { this.sources.set(photoId, source) }
  photoSources(photoIds: readonly number[]): Map<number, PhotoSource> { return this.sources.of(photoIds) }

  // Results
  addResult(result: NewResult): ResultRow { return this.resultStore.add(result) }
  results(photoId: number): ResultRow[] { return this.resultStore.ofPhotoNewestFirst(photoId) }
  latestResults(photoIds: readonly number[]): Map<number, ResultRow> { return this.resultStore.latestOf(photoIds) }
  resultCounts(photoIds: readonly number[]): Map<number, number> { return this.resultStore.countsOf(photoIds) }
  result(id: number): ResultRow | undefined { return this.resultStore.result(id) }
  /** Photos with results and known bytes, with the purchase keys of their results: what a run might reuse. */
  boughtPhotos(photoIds?: readonly number[]): Bought[] { return this.resultStore.bought(photoIds) }
  proofsSince(provider: string, since: number): number { return this.resultStore.proofsSince(provider, since) }

  // Review
  review(photoId: number): ReviewRow { return this.reviewStore.review(photoId) }
  setReview(photoId: number, patch: ReviewPatch): ReviewRow { return this.reviewStore.set(photoId, patch) }
  reviews(photoIds: readonly number[]): Map<number, ReviewRow> { return this.reviewStore.reviews(photoIds) }

  // Store checks
  saveStoreChecks(checks: readonly Omit<StoreCheckRow, 'checkedAt'>[]): void { this.storeCheckStore.save(checks) }
  storeChecks(photoIds: readonly number[]): Map<number, StoreCheckRow> { return this.storeCheckStore.of(photoIds) }

  // Presets
  savePreset(preset: NewPreset): PresetRow { return this.presetStore.save(preset) }
  presets(): PresetRow[] { return this.presetStore.list() }
  deletePreset(id: number): boolean { return this.presetStore.delete(id) }
  currentPreset(): BatchPreset | undefined { return this.presetStore.current() }
  setCurrentPreset(preset: BatchPreset): void { this.presetStore.setCurrent(preset) }

  // Watched folders
  addWatchedFolder(folder: NewWatchedFolder): WatchedFolderRow { return this.folders.add(folder) }
  watchedFolders(): WatchedFolderRow[] { return this.folders.list() }
  removeWatchedFolder(id: number): boolean { return this.folders.delete(id) }
}
