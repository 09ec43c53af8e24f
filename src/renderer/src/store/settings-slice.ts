import type { StateCreator } from 'zustand'
import type { OperationDescriptor, Preset, Settings } from './types'

export interface SettingsSlice {
  settings: Settings | null
  preset: Preset | null
  operations: OperationDescriptor[]
  /** The browser harness cannot open a native picker: paths are typed instead. */
  typedPaths: boolean
  setSettings(settings: Settings): void
  setPreset(preset: Preset): void
}

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  settings: null,
  preset: null,
  operations: [],
  typedPaths: false,
  setSettings: (settings) => set({ settings }),
  setPreset: (preset) => set({ preset })
})

export const settingsSelectors = {
  outputFolder: (s: SettingsSlice): string => s.settings?.outputFolder ?? '',
  preset: (s: SettingsSlice): Preset | null => s.preset,
  operations: (s: SettingsSlice): OperationDescriptor[] => s.operations,
  typedPaths: (s: SettingsSlice): boolean => s.typedPaths
}
