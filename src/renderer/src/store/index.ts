import { create } from 'zustand'
import { call } from '../api'
import { createAccountSlice, type AccountSlice } from './account-slice'
import { createJobsSlice, type JobsSlice } from './jobs-slice'
import { createLibrarySlice, type LibrarySlice } from './library-slice'

export type Store = LibrarySlice & JobsSlice & AccountSlice

export const useStore = create<Store>()((...a) => ({ ...createLibrarySlice(...a), ...createJobsSlice(...a), ...createAccountSlice(...a) }))

/** The renderer only mirrors main: one snapshot at start, then the events main streams. */
export async function connect(): Promise<() => void> {
  const s = useStore.getState()
  const { on } = window.proofsheet
  const unsubscribe = [
    on.library(s.setLibrary),
    on.jobs(s.applyJobs),
    on.result(({ imageId }) => s.resultReady(imageId)),
    on.balance(s.setBalance),
    on.queue(s.setQueue),
    on.keys(s.setKey),
    on.settings(s.setSettings),
    on.notice(s.addNotice)
  ]
  const state = await call('getState', undefined)
  useStore.setState({ operations: state.operations, providers: state.providers, typedPaths: state.typedPaths })
  s.setLibrary(state.library)
  s.applyJobs(state.jobs)
  s.setQueue(state.queue)
  s.setSettings(state.settings)
  state.keys.forEach(s.setKey)
  state.balances.forEach(s.setBalance)
  return () => unsubscribe.forEach((off) => off())
}
