import type { StateCreator } from 'zustand'
import type { EventPayload, KeyStatus, Settings } from '@shared/ipc/contract'
import type { ProviderId } from '@shared/operations/types'
import type { Store } from './index'

type Balance = EventPayload<'balance'>

export interface AccountSlice {
  keys: Partial<Record<ProviderId, KeyStatus>>
  balances: Record<string, Balance>
  settings: Settings | null
  notices: EventPayload<'notice'>[]
  setKey(status: KeyStatus): void
  setBalance(balance: Balance): void
  setSettings(settings: Settings): void
  addNotice(notice: EventPayload<'notice'>): void
}

export const createAccountSlice: StateCreator<Store, [], [], AccountSlice> = (set) => ({
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
