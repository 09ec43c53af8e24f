import type { StateCreator } from 'zustand'

/** A run waiting for the user's yes: which photos, and whether it is the real run after a proof. */
export interface PendingRun {
  photoIds?: number[]
  title: string
  mode?: 'normal' | 'for-real'
  /** Pay once more for photos whose earlier result was pruned and is gone. */
  buyAgain?: boolean
}

/** The window's own state: nothing here mirrors main, and nothing here is sent to it. */
export interface UiSlice {
  /** Photos that could not be added last time, with their reasons. */
  notAdded: { path: string; reason: string }[]
  setNotAdded(skipped: { path: string; reason: string }[]): void
  /** A run waiting for the user's confirmation: these photos (all when none are named). */
  pendingRun: PendingRun | null
  askToRun(run: PendingRun | null): void
  /** The named preset last applied from this window: the batch settings are it, or it "(changed)". */
  appliedPreset: number | null
  setAppliedPreset(id: number | null): void
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  notAdded: [],
  setNotAdded: (notAdded) => set({ notAdded }),
  pendingRun: null,
  askToRun: (pendingRun) => set({ pendingRun }),
  appliedPreset: null,
  setAppliedPreset: (appliedPreset) => set({ appliedPreset })
})

export const uiSelectors = {
  notAdded: (s: UiSlice): UiSlice['notAdded'] => s.notAdded
}
