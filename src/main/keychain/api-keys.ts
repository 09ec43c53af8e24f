import type { KeyStatus } from '../../shared/ipc/contract'
import { providerById, type ProviderId } from '../../engine/providers/registry'
import { isJobError } from '../../engine/errors'
import type { Balance } from '../../engine/providers/types'
import type { Keychain } from './keychain'

export type CheckKey = (provider: ProviderId, key: string) => Promise<Balance[]>

/**
 * API keys per provider. They go into the keychain and come out only for main's own requests: the
 * renderer gets a status and the last four characters, nothing else.
 */
export class ApiKeys {
  /** Keys a provider refused, with its message; cleared when the key is replaced or passes a test. */
  private readonly refused = new Map<ProviderId, string>()

  constructor(
    private readonly keychain: Keychain,
    private readonly check: CheckKey
  ) {}

  key(provider: ProviderId): Promise<string | null> {
    return this.keychain.get(provider)
  }

  async status(provider: ProviderId): Promise<KeyStatus> {
    const key = await this.key(provider)
    if (!key) return { provider, state: 'not-set', sandbox: false }
    const message = this.refusal(provider)
    return { provider, state: message ? 'invalid' : 'set', last4: key.slice(-4), sandbox: providerById(provider).isSandboxKey(key), message }
  }

  /** Stores the key (replacing any other), then asks the provider whether it works. */
  async set(provider: ProviderId, key: string): Promise<{ status: KeyStatus; balances: Balance[] }> {
    await this.keychain.set(provider, key)
    this.refused.delete(provider)
    return this.test(provider)
  }

  async delete(provider: ProviderId): Promise<KeyStatus> {
    await this.keychain.delete(provider)
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
