import type { StateCreator } from 'zustand'
import type { ExportProgress } from './types'

/** The export main is running, as it streams it. */
export interface ExportSlice {
  exportProgress: ExportProgress
  setExportProgress(progress: ExportProgress): void
}

export const createExportSlice: StateCreator<ExportSlice, [], [], ExportSlice> = (set) => ({
  exportProgress: { state: 'idle', outDir: null, total: 0, done: 0, written: 0, unchanged: 0, failed: 0, storeFailures: 0 },
  setExportProgress: (exportProgress) => set({ exportProgress })
})

export const exportSelectors = {
  progress: (s: ExportSlice): ExportProgress => s.exportProgress
}
