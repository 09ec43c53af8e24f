import type { KeyStatus } from '../../shared/ipc/contract'
import { providerById, type ProviderId, isJobError, type Balance } from '../../engine'
import type { Keychain } from './keychain'

export type CheckKey = (provider: ProviderId, key: string) => Promise<Balance[]>

/**
 * API keys per provider. They go into the keychain and come out only for main's own requests: the
 * renderer gets a status and the last four characters, nothing else.
 */
/** Which of a provider's keys: its live key, or a free sandbox key kept beside it for proof runs. */
export type KeyKind = 'live' | 'sandbox'

/**
 * API keys per provider. They go into the keychain and come out only for main's own requests: the
 * renderer gets a status and the last four characters, nothing else. A sandbox key (Photoroom's
 * `sandbox_…`) is kept in its own entry, so a proof run and the real run can each use theirs.
 */
export class ApiKeys {
  /** Keys a provider refused, with its message; cleared when the key is replaced or passes a test. */
  private readonly refused = new Map<ProviderId, string>()

  constructor(
    private readonly keychain: Keychain,
    private readonly check: CheckKey
  ) {}

  /** The key a run uses: the live one, else the sandbox one; or exactly the kind asked for. */
  async key(provider: ProviderId, kind?: KeyKind): Promise<string | null> {
    const live = kind === 'sandbox' ? null : await this.keychain.get(provider)
    if (live || kind === 'live') return live
    return this.keychain.get(sandboxEntry(provider))
  }

  /** Two keychain reads, the live entry and the sandbox one: each may wait on a locked keyring. */
  async status(provider: ProviderId): Promise<KeyStatus> {
    const live = await this.keychain.get(provider)
    const sandbox = await this.keychain.get(sandboxEntry(provider))
    const key = live || sandbox
    if (!key) return { provider, state: 'not-set', sandbox: false }
    const message = this.refusal(provider)
    const isSandbox = providerById(provider).isSandboxKey(key)
    const beside = isSandbox ? null : sandbox
    return { provider, state: message ? 'invalid' : 'set', last4: key.slice(-4), sandbox: isSandbox, message, ...(beside ? { sandboxLast4: beside.slice(-4) } : {}) }
  }

  /** Stores the key in its entry (a sandbox key beside the live one), then asks the provider whether it works. */
  async set(provider: ProviderId, key: string): Promise<{ status: KeyStatus; balances: Balance[] }> {
    const sandbox = providerById(provider).isSandboxKey(key)
    await this.keychain.set(sandbox ? sandboxEntry(provider) : provider, key)
    this.refused.delete(provider)
    if (sandbox && (await this.keychain.get(provider))) return { status: await this.status(provider), balances: [] }
    return this.test(provider)
  }

  /** Both keys of the provider go. */
  async delete(provider: ProviderId): Promise<KeyStatus> {
    for (const entry of [provider, sandboxEntry(provider)]) if (await this.keychain.get(entry)) await this.keychain.delete(entry)
    this.refused.delete(provider)
    return this.status(provider)
  }
  /** A free account or balance call. A provider that cannot be reached says nothing about the key. */
  async test(provider: ProviderId): Promise<{ status: KeyStatus; balances: Balance[] }> {
    const key = await this.key(provider)
    if (!key) return { status: await this.status(provider), balances: [] }
    try {
      const balances = await this.check(provider, key)
      this.refused.delete(provider)
      return { status: await this.status(provider), balances }
    } catch (error) {
      if (isJobError(error) && error.kind === 'auth') this.markRefused(provider, error.message)
      const status = await this.status(provider)
      return { status: this.refused.has(provider) ? status : { ...status, message: `Not checked: ${(error as Error).message}` }, balances: [] }
    }
  }

  /** The provider's own words when it last refused the saved key; undefined while the key is not known bad. */
  refusal(provider: ProviderId): string | undefined {
    return this.refused.get(provider)
  }

  markRefused(provider: ProviderId, message: string): void {
    this.refused.set(provider, message)
  }
}

function sandboxEntry(provider: ProviderId): string {
  return `${provider}:sandbox`
}
