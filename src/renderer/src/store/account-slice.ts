import type { StateCreator } from 'zustand'
import type { Balance, KeyStatus, Notice, ProviderChoice } from './types'

export interface AccountSlice {
  providers: ProviderChoice[]
  keys: Record<string, KeyStatus>
  balances: Record<string, Balance>
  notices: Notice[]
  setProviders(providers: ProviderChoice[]): void
  setKey(status: KeyStatus): void
  setBalance(balance: Balance): void
  addNotice(notice: Notice): void
}

export const createAccountSlice: StateCreator<AccountSlice, [], [], AccountSlice> = (set) => ({
  providers: [],
  keys: {},
  balances: {},
  notices: [],
  setProviders: (providers) => set({ providers }),
  setKey: (status) => set((s) => ({ keys: { ...s.keys, [status.provider]: status } })),
  setBalance: (balance) => set((s) => ({ balances: { ...s.balances, [`${balance.provider}:${balance.unit}`]: balance } })),
  // The last few are enough: older ones have been read or are stale.
  addNotice: (notice) => set((s) => ({ notices: [...s.notices.slice(-4), notice] }))
})

export const accountSelectors = {
  providers: (s: AccountSlice): ProviderChoice[] => s.providers,
  key:
    (provider: string) =>
    (s: AccountSlice): KeyStatus | undefined =>
      s.keys[provider],
  balances: (s: AccountSlice): Record<string, Balance> => s.balances,
  notices: (s: AccountSlice): Notice[] => s.notices
}
