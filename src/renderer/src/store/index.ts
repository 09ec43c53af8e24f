import { create } from 'zustand'
import { call } from '../api'
import { createAccountSlice, type AccountSlice } from './account-slice'
import { createExportSlice, type ExportSlice } from './export-slice'
import { createJobsSlice, type JobsSlice } from './jobs-slice'
import { createLoupeSlice, type LoupeSlice } from './loupe-slice'
import { createPhotosSlice, type PhotosSlice } from './photos-slice'
import { createRangeLoader, fetchPageOf } from './ranges'
import { createPresetsSlice, type PresetsSlice } from './presets-slice'
import { createRemovalSlice, type RemovalSlice } from './removal-slice'
import { createSelectionSlice, type SelectionSlice } from './selection-slice'
import { createSettingsSlice, type SettingsSlice } from './settings-slice'
import type { EventPayload } from './types'
import { createUiSlice, type UiSlice } from './ui-slice'

export type Store = PhotosSlice & JobsSlice & AccountSlice & SettingsSlice & UiSlice & SelectionSlice & PresetsSlice & LoupeSlice & ExportSlice & RemovalSlice

export const useStore = create<Store>()((...a) => ({
  ...createPhotosSlice(...a),
  ...createJobsSlice(...a),
  ...createAccountSlice(...a),
  ...createSettingsSlice(...a),
  ...createUiSlice(...a),
  ...createSelectionSlice(...a),
  ...createPresetsSlice(...a),
  ...createLoupeSlice(...a),
  ...createExportSlice(...a),
  ...createRemovalSlice(...a)
}))

/** Makes sure the list's rows between these positions are fetched. */
export const loadRange = createRangeLoader(useStore.getState)

/** The page of the list holding this position, fetched and in the store once it resolves. */
export const loadPageOf = (index: number): Promise<void> => fetchPageOf(useStore.getState, index)

/** The renderer only mirrors main: one first screen at start, then the events main streams. */
export async function connect(onCommand: (command: EventPayload<'command'>) => void): Promise<() => void> {
  const s = useStore.getState()
  const { on } = window.proofsheet
  // Events that arrive while the first state is on its way are newer than it: they are applied after it.
  let early: (() => void)[] | null = []
  const later =
    <T>(apply: (payload: T) => void) =>
    (payload: T): void =>
      early ? void early.push(() => apply(payload)) : apply(payload)
  const unsubscribe = [
    on.catalog(later(s.setSummary)),
    on.photos(later(s.applyPhotos)),
    on.preset(later(s.setPreset)),
    on.presets(later(s.setPresets)),
    on.watched(later(s.setWatched)),
    on.jobs(later(s.applyJobs)),
    on.queue(later(s.setQueue)),
    on.export(later(s.setExportProgress)),
    on.keys(later(s.setKey)),
    on.balance(later(s.setBalance)),
    on.settings(later(s.setSettings)),
    on.notice(later(s.addNotice)),
    on.command(onCommand)
  ]
  const state = await call('getState', undefined)
  useStore.setState({ operations: state.operations, typedPaths: state.typedPaths })
  s.setProviders(state.providers)
  s.setSummary(state.summary)
  s.setRange(useStore.getState().listVersion, 0, state.firstRows, state.summary.total)
  s.setPresets(state.presets)
  s.setWatched(state.watched)
  s.setPreset(state.preset)
  s.applyJobs(state.jobs)
  s.setQueue(state.queue)
  s.setExportProgress(state.export)
  s.setSettings(state.settings)
  state.keys.forEach(s.setKey)
  state.balances.forEach(s.setBalance)
  state.startNotices.forEach(s.addNotice)
  const queued = early
  early = null
  queued.forEach((apply) => apply())
  return () => unsubscribe.forEach((off) => off())
}
