import type { StateCreator } from 'zustand'
import type { CatalogSummary, EventPayload, PhotoRow } from './types'

/**
 * The catalog as the window holds it: every row it has fetched, by id, and the list's order by
 * position. Positions not fetched yet are empty; rows come in by range as they scroll into view.
 */
export interface PhotosSlice {
  photosById: Record<number, PhotoRow>
  /** Photo ids by position in the list; undefined where that range has not been fetched yet. */
  photoOrder: (number | undefined)[]
  summary: CatalogSummary
  setSummary(summary: CatalogSummary): void
  /** Rows of positions `offset`… as main listed them for `version`; a stale answer is dropped. */
  setRange(version: number, offset: number, rows: PhotoRow[]): void
  applyPhotos(change: EventPayload<'photos'>): void
}

const EMPTY: CatalogSummary = { total: 0, pending: 0, folders: [], version: -1 }

export const createPhotosSlice: StateCreator<PhotosSlice, [], [], PhotosSlice> = (set) => ({
  photosById: {},
  photoOrder: [],
  summary: EMPTY,
  setSummary: (summary) =>
    set((s) => {
      if (summary.version === s.summary.version) return { summary }
      // Photos came or went: positions are stale, the rows themselves are not.
      return { summary, photoOrder: new Array<number | undefined>(summary.total) }
    }),
  setRange: (version, offset, rows) =>
    set((s) => {
      if (version !== s.summary.version) return {}
      const photoOrder = s.photoOrder.slice()
      const photosById = { ...s.photosById }
      rows.forEach((row, i) => {
        photoOrder[offset + i] = row.id
        photosById[row.id] = row
      })
      return { photoOrder, photosById }
    }),
  applyPhotos: ({ changed, removed }) =>
    set((s) => {
      const photosById = { ...s.photosById }
      for (const row of changed) photosById[row.id] = row
      for (const id of removed) delete photosById[id]
      return { photosById }
    })
})

export const photoSelectors = {
  total: (s: PhotosSlice): number => s.summary.total,
  pending: (s: PhotosSlice): number => s.summary.pending,
  folders: (s: PhotosSlice): CatalogSummary['folders'] => s.summary.folders,
  idAt:
    (index: number) =>
    (s: PhotosSlice): number | undefined =>
      s.photoOrder[index],
  byId:
    (id: number | undefined) =>
    (s: PhotosSlice): PhotoRow | undefined =>
      id === undefined ? undefined : s.photosById[id]
}
