import type { StateCreator } from 'zustand'

export type CompareView = 'slider' | 'side-by-side' | 'difference'
export type Backdrop = 'checker' | 'white' | 'black'
/** 'fit' shows the whole picture; a number is the magnification of the full-size file (1 = 100 %). */
export type Zoom = 'fit' | 1 | 2

/** The loupe is the window's own state: which photo is large, and how it is compared. */
export interface LoupeSlice {
  /** Position in the photo list of the photo shown large; null when the loupe is closed. */
  loupeIndex: number | null
  compareView: CompareView
  zoom: Zoom
  /** Where the view is panned to when zoomed, shared by both panes so they stay in step. */
  pan: { x: number; y: number }
  backdrop: Backdrop
  autoAdvance: boolean
  openLoupe(index: number): void
  closeLoupe(): void
  moveLoupe(delta: number, total: number): void
  setCompareView(view: CompareView): void
  setZoom(zoom: Zoom): void
  setPan(pan: { x: number; y: number }): void
  setBackdrop(backdrop: Backdrop): void
  setAutoAdvance(on: boolean): void
}

export const createLoupeSlice: StateCreator<LoupeSlice, [], [], LoupeSlice> = (set) => ({
  loupeIndex: null,
  compareView: 'slider',
  zoom: 'fit',
  pan: { x: 0, y: 0 },
  backdrop: 'checker',
  autoAdvance: false,
  // Always at Fit: a loupe reopened at its last zoom shows a giant crop of one corner.
  openLoupe: (index) => set({ loupeIndex: index, zoom: 'fit', pan: { x: 0, y: 0 } }),
  closeLoupe: () => set({ loupeIndex: null }),
  moveLoupe: (delta, total) =>
    set((s) => (s.loupeIndex === null ? {} : { loupeIndex: Math.max(0, Math.min(total - 1, s.loupeIndex + delta)), pan: { x: 0, y: 0 } })),
  setCompareView: (compareView) => set({ compareView }),
  setZoom: (zoom) => set({ zoom, pan: { x: 0, y: 0 } }),
  setPan: (pan) => set({ pan }),
  setBackdrop: (backdrop) => set({ backdrop }),
  setAutoAdvance: (autoAdvance) => set({ autoAdvance })
})

export const loupeSelectors = {
  index: (s: LoupeSlice): number | null => s.loupeIndex,
  view: (s: LoupeSlice): CompareView => s.compareView,
  zoom: (s: LoupeSlice): Zoom => s.zoom,
  pan: (s: LoupeSlice): { x: number; y: number } => s.pan,
  backdrop: (s: LoupeSlice): Backdrop => s.backdrop,
  autoAdvance: (s: LoupeSlice): boolean => s.autoAdvance
}
