import { PAGE_SIZE } from '@shared/ipc/channels'
import { call } from '../api'
import type { PhotosSlice } from './photos-slice'

/**
 * Fetches the pages of the photo list that come into view, once per list version: the window never
 * asks for, or holds positions for, more than what was scrolled past.
 */
export function createRangeLoader(get: () => PhotosSlice): (first: number, last: number) => void {
  let version = -1
  let requested = new Set<number>()
  return (first, last) => {
    const state = get()
    if (state.listVersion !== version) {
      version = state.listVersion
      requested = new Set()
    }
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      const offset = page * PAGE_SIZE
      // The first page is always asked once per version: it brings the filtered total.
      if (requested.has(page) || (offset >= state.listTotal && page > 0)) continue
      if (state.listTotal > 0 && loaded(state.photoOrder, offset, Math.min(offset + PAGE_SIZE, state.listTotal))) continue
      requested.add(page)
      void fetchPageOf(get, offset).catch(() => requested.delete(page))
    }
  }
}

/** The page of the list holding `index`, fetched whether or not it was asked before: resolves once it is in the store. */
export async function fetchPageOf(get: () => PhotosSlice, index: number): Promise<void> {
  const { listVersion, query } = get()
  const offset = Math.floor(index / PAGE_SIZE) * PAGE_SIZE
  const { rows, total } = await call('listPhotos', { offset, limit: PAGE_SIZE, query })
  get().setRange(listVersion, offset, rows, total)
}

/** A plain loop: the order starts as a sparse array, whose holes `every` would skip. */
function loaded(order: readonly (number | undefined)[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (order[i] === undefined) return false
  return true
}
