import type { StateCreator } from 'zustand'
import type { AppState, EventPayload, KeyStatus, Settings } from '@shared/ipc/contract'
import type { Store } from './index'

type Balance = EventPayload<'balance'>

export interface AccountSlice {
  /** Which providers exist is main's to say (its registry); here, their ids and names. */
  providers: AppState['providers']
  keys: Record<string, KeyStatus>
  balances: Record<string, Balance>
  settings: Settings | null
  notices: EventPayload<'notice'>[]
  setKey(status: KeyStatus): void
  setBalance(balance: Balance): void
  setSettings(settings: Settings): void
  addNotice(notice: EventPayload<'notice'>): void
}

export const createAccountSlice: StateCreator<Store, [], [], AccountSlice> = (set) => ({
  providers: [],
  keys: {},
  balances: {},
  settings: null,
  notices: [],
  setKey: (status) => set((s) => ({ keys: { ...s.keys, [status.provider]: status } })),
  setBalance: (balance) => set((s) => ({ balances: { ...s.balances, [`${balance.provider}:${balance.unit}`]: balance } })),
  setSettings: (settings) => set({ settings }),
  // The last few are enough: older ones have been read or are stale.
  addNotice: (notice) => set((s) => ({ notices: [...s.notices.slice(-4), notice] }))
})
