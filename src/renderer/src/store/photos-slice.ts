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
      // Only rows the window holds: one it never fetched comes fresh with its range when scrolled to,
      // so reading 10,000 photos' facts does not fill (and copy, ten times a second) the whole catalog.
      const held = changed.filter((row) => row.id in s.photosById)
      const gone = removed.filter((id) => id in s.photosById)
      if (!held.length && !gone.length) return {}
      const photosById = { ...s.photosById }
      for (const row of held) photosById[row.id] = row
      for (const id of gone) delete photosById[id]
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
