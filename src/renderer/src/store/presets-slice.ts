import type { StateCreator } from 'zustand'
import type { NamedPreset } from './types'

/** Named presets as main lists them: the built-in marketplace ones first. */
export interface PresetsSlice {
  presets: NamedPreset[]
  setPresets(presets: NamedPreset[]): void
}

export const createPresetsSlice: StateCreator<PresetsSlice, [], [], PresetsSlice> = (set) => ({
  presets: [],
  setPresets: (presets) => set({ presets })
})

export const presetSelectors = {
  presets: (s: PresetsSlice): NamedPreset[] => s.presets
}
