import type { StateCreator } from 'zustand'

/** The window's own state: nothing here mirrors main, and nothing here is sent to it. */
export interface UiSlice {
  /** Photos that could not be added last time, with their reasons. */
  notAdded: { path: string; reason: string }[]
  setNotAdded(skipped: { path: string; reason: string }[]): void
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  notAdded: [],
  setNotAdded: (notAdded) => set({ notAdded })
})

export const uiSelectors = {
  notAdded: (s: UiSlice): UiSlice['notAdded'] => s.notAdded
}
