import type { AccountConfig, Provider } from './options'

export interface Account {
  key: string
  label: string
  balance: number
  plan: string
  /** Credits the plan gives each month. */
  subscription: number
  /** Photoroom sandbox use of a live account: free, but counted per day and month. */
  sandbox: boolean
}

/** Keys and balances per provider. Debits are synchronous, so concurrent requests cannot overspend. */
export class Accounts {
  private readonly byKey = new Map<string, AccountConfig & { provider: Provider; revoked?: boolean }>()
  private readonly sandboxUse = new Map<string, { day: string; dayCount: number; month: string; monthCount: number }>()

  constructor(accounts: Record<Provider, AccountConfig[]>) {
    for (const [provider, list] of Object.entries(accounts) as [Provider, AccountConfig[]][]) {
      // A plan's monthly credits are what the account starts with unless said: spending does not shrink them.
      for (const a of list) this.byKey.set(`${provider}:${a.key}`, { ...a, subscription: a.subscription ?? a.balance, provider })
    }
  }

  find(provider: Provider, key: string | undefined): Account | undefined {
    if (!key) return undefined
    const sandbox = provider === 'photoroom' && key.startsWith('sandbox_')
    const live = this.byKey.get(`${provider}:${sandbox ? key.slice('sandbox_'.length) : key}`)
    return live && !live.revoked ? { key: live.key, label: live.label, balance: live.balance, plan: live.plan, subscription: live.subscription ?? live.balance, sandbox } : undefined
  }

  /** Debits `amount` if the balance covers it. */
  tryCharge(provider: Provider, account: Account, amount: number): boolean {
    const live = this.byKey.get(`${provider}:${account.key}`)
    if (!live || live.balance < amount) return false
    live.balance = Math.round((live.balance - amount) * 100) / 100
    return true
  }

  /** Counts one sandbox call against the daily and monthly caps. */
  trySandboxCall(account: Account, caps: { perDay: number; perMonth: number }, now = new Date()): boolean {
    const day = now.toISOString().slice(0, 10)
    const month = day.slice(0, 7)
    const use = this.sandboxUse.get(account.key) ?? { day, dayCount: 0, month, monthCount: 0 }
    if (use.day !== day) Object.assign(use, { day, dayCount: 0 })
    if (use.month !== month) Object.assign(use, { month, monthCount: 0 })
    if (use.dayCount >= caps.perDay || use.monthCount >= caps.perMonth) return false
    use.dayCount++
    use.monthCount++
    this.sandboxUse.set(account.key, use)
    return true
  }

  /** The month's free calls left: what /v2/account reports for a sandbox key (the daily cap is not in it). */
  sandboxMonthRemaining(account: Account, perMonth: number, now = new Date()): number {
    const use = this.sandboxUse.get(account.key)
    return Math.max(0, perMonth - (use?.month === now.toISOString().slice(0, 7) ? use.monthCount : 0))
  }

  /** Counts calls against a Photoroom sandbox key's month, as calls made with it elsewhere would. */
  useSandboxMonth(label: string, calls: number, now = new Date()): void {
    const month = now.toISOString().slice(0, 7)
    for (const a of this.byKey.values()) {
      if (a.provider !== 'photoroom' || a.label !== label) continue
      const use = this.sandboxUse.get(a.key)
      const monthCount = use?.month === month ? use.monthCount : 0
      this.sandboxUse.set(a.key, { day: use?.day ?? now.toISOString().slice(0, 10), dayCount: use?.dayCount ?? 0, ...use, month, monthCount: monthCount + calls })
    }
  }

  setBalance(provider: Provider, label: string, balance: number): void {
    for (const a of this.byKey.values()) if (a.provider === provider && a.label === label) a.balance = balance
  }

  /** The key stops working for new requests, as when a user revokes it; requests already accepted complete. */
  revoke(provider: Provider, label: string): void {
    for (const a of this.byKey.values()) if (a.provider === provider && a.label === label) a.revoked = true
  }

  balances(): Record<string, number> {
    return Object.fromEntries([...this.byKey.values()].map((a) => [`${a.provider}:${a.label}`, a.balance]))
  }
}
