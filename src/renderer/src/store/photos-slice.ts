import type { StateCreator } from 'zustand'
import type { CatalogSummary, EventPayload, PhotoQuery, PhotoRow } from './types'

/**
 * The catalog as the window holds it: every row it has fetched, by id, and the list's order by
 * position. Positions not fetched yet are empty; rows come in by range as they scroll into view.
 */
export interface PhotosSlice {
  photosById: Record<number, PhotoRow>
  /** Photo ids by position in the list; undefined where that range has not been fetched yet. */
  photoOrder: (number | undefined)[]
  summary: CatalogSummary
  /** The gallery's sort and filter; main answers it, ranges are of its result. */
  query: PhotoQuery
  /** Bumped when the list's positions go stale: photos came or went, or the query changed. */
  listVersion: number
  /** How many photos the query lists (the whole catalog when nothing is filtered). */
  listTotal: number
  setQuery(query: PhotoQuery): void
  setSummary(summary: CatalogSummary): void
  /** Rows of positions `offset`… as main listed them for list version `version`; a stale answer is dropped. */
  setRange(version: number, offset: number, rows: PhotoRow[], total?: number): void
  applyPhotos(change: EventPayload<'photos'>): void
}

const EMPTY: CatalogSummary = { total: 0, pending: 0, folders: [], version: -1 }

/** Whether a query narrows the list (anything but its order), so its count is not the catalog's. */
export const filtered = (q: PhotoQuery): boolean => Object.entries(q).some(([name, value]) => name !== 'sort' && name !== 'descending' && value !== undefined && value !== '')

export const createPhotosSlice: StateCreator<PhotosSlice, [], [], PhotosSlice> = (set) => ({
  photosById: {},
  photoOrder: [],
  summary: EMPTY,
  query: { sort: 'folder' },
  listVersion: 0,
  listTotal: 0,
  setQuery: (query) => set((s) => ({ query, listVersion: s.listVersion + 1, photoOrder: [], listTotal: filtered(query) ? s.listTotal : s.summary.total })),
  setSummary: (summary) =>
    set((s) => {
      if (summary.version === s.summary.version) return { summary }
      // Photos came or went: positions are stale, the rows themselves are not. A filtered count comes with the next range.
      const listTotal = filtered(s.query) ? s.listTotal : summary.total
      return { summary, listVersion: s.listVersion + 1, listTotal, photoOrder: new Array<number | undefined>(listTotal) }
    }),
  setRange: (version, offset, rows, total) =>
    set((s) => {
      if (version !== s.listVersion) return {}
      const listTotal = total ?? s.listTotal
      const photoOrder = s.photoOrder.slice(0, listTotal)
      photoOrder.length = listTotal
      const photosById = { ...s.photosById }
      rows.forEach((row, i) => {
        photoOrder[offset + i] = row.id
        photosById[row.id] = row
      })
      return { photoOrder, photosById, listTotal }
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
  listTotal: (s: PhotosSlice): number => s.listTotal,
  query: (s: PhotosSlice): PhotoQuery => s.query,
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
