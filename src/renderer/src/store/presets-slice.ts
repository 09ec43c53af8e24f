import type { StateCreator } from 'zustand'
import type { NamedPreset, WatchedFolder } from './types'

/** Named presets as main lists them (the built-in marketplace ones first), and the watched folders that use them. */
export interface PresetsSlice {
  presets: NamedPreset[]
  /** Watched folders may name a preset to run new photos with. */
  watched: WatchedFolder[]
  setPresets(presets: NamedPreset[]): void
  setWatched(watched: WatchedFolder[]): void
}

export const createPresetsSlice: StateCreator<PresetsSlice, [], [], PresetsSlice> = (set) => ({
  presets: [],
  watched: [],
  setPresets: (presets) => set({ presets }),
  setWatched: (watched) => set({ watched })
})

export const presetSelectors = {
  presets: (s: PresetsSlice): NamedPreset[] => s.presets
}
