import { setTimeout as sleep } from 'node:timers/promises'
import { AsyncEntry } from '@napi-rs/keyring'

/** Long enough for D-Bus to start a Secret Service that went away. */
const RETRY_AFTER_MS = 300

export class KeychainUnavailableError extends Error {
  readonly code = 'keychain-unavailable'
}

const UNAVAILABLE =
  process.platform === 'linux'
    ? 'No system keychain is available. Proofsheet keeps API keys only in a Secret Service (GNOME Keyring or KWallet); start and unlock one, then try again. The key was not saved.'
    : 'The system keychain could not be opened, so the key was not saved. Unlock the keychain and try again.'

/**
 * Secrets in the OS keychain: macOS Keychain, Windows Credential Manager, Linux Secret Service.
 * Linux is pinned to the Secret Service: the kernel keyring the library would fall back to forgets
 * keys at logout, and a key that silently vanishes is worse than a clear refusal.
 */
export class Keychain {
  constructor(private readonly service: string) {}

  async get(account: string): Promise<string | null> {
    return this.guard(() => this.entry(account).getPassword())
  }

  async set(account: string, secret: string): Promise<void> {
    await this.guard(() => this.entry(account).setPassword(secret))
  }

  async delete(account: string): Promise<void> {
    await this.guard(() => this.entry(account).deleteCredential())
  }

  private entry(account: string): AsyncEntry {
    return new AsyncEntry(this.service, account, { linux: { store: 'secret-service' } })
  }

  /**
   * Asked once more after a short wait: a Secret Service that died under a request (gnome-keyring 42
   * aborts when a client leaves mid-handshake) is started again by D-Bus on the next call. The
   * library's own messages name D-Bus internals; the user gets one message they can act on.
   */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation()
    } catch {
      await sleep(RETRY_AFTER_MS)
      try {
        return await operation()
      } catch (error) {
        throw new KeychainUnavailableError(UNAVAILABLE, { cause: error })
      }
    }
  }
}
