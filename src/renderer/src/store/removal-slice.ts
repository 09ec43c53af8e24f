import type { StateCreator } from 'zustand'

/** Removing photos from the catalog: the ones waiting for the user's yes, and the last removal, which Undo puts back. */
export interface RemovalSlice {
  /** Photos the user asked to remove; the window asks first. */
  removalAsked: number[] | null
  /** How many photos the latest removal took; Undo (Cmd/Ctrl+Z) puts them back. */
  lastRemoval: { count: number } | null
  askToRemove(ids: number[] | null): void
  setLastRemoval(removal: { count: number } | null): void
}

export const createRemovalSlice: StateCreator<RemovalSlice, [], [], RemovalSlice> = (set) => ({
  removalAsked: null,
  lastRemoval: null,
  askToRemove: (ids) => set({ removalAsked: ids?.length ? ids : null }),
  setLastRemoval: (lastRemoval) => set({ lastRemoval })
})

export const removalSelectors = {
  asked: (s: RemovalSlice): number[] | null => s.removalAsked,
  last: (s: RemovalSlice): RemovalSlice['lastRemoval'] => s.lastRemoval
}
