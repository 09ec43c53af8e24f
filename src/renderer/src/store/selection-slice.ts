import type { StateCreator } from 'zustand'

/**
 * Which photos are selected, by id: the window's own state. The anchor is the last photo clicked
 * without Shift, so Shift-click selects from it; ranges are resolved by main's ids for the query.
 */
export interface SelectionSlice {
  selected: ReadonlySet<number>
  anchor: number | null
  select(ids: Iterable<number>, anchor?: number | null): void
  toggle(id: number): void
  clearSelection(): void
}

export const createSelectionSlice: StateCreator<SelectionSlice, [], [], SelectionSlice> = (set) => ({
  selected: new Set(),
  anchor: null,
  select: (ids, anchor) => set((s) => ({ selected: new Set(ids), anchor: anchor === undefined ? s.anchor : anchor })),
  toggle: (id) =>
    set((s) => {
      const selected = new Set(s.selected)
      if (!selected.delete(id)) selected.add(id)
      return { selected, anchor: id }
    }),
  clearSelection: () => set({ selected: new Set(), anchor: null })
})

/** Whether the loupe on photo `id` steps through the selection, as in Lightroom: `id` is one of several selected. */
export function stepsThroughSelection(selected: ReadonlySet<number>, id: number | undefined): boolean {
  return selected.size >= 2 && id !== undefined && selected.has(id)
}

export const selectionSelectors = {
  selected: (s: SelectionSlice): ReadonlySet<number> => s.selected,
  count: (s: SelectionSlice): number => s.selected.size,
  isSelected:
    (id: number | undefined) =>
    (s: SelectionSlice): boolean =>
      id !== undefined && s.selected.has(id)
}
