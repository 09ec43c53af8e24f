import { existsSync } from 'node:fs'
import { checkQueueUrl, TeamQueueError } from '../../engine'
import type { Settings } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { Keychain } from '../keychain/keychain'
import type { SettingsService } from '../settings/settings'

/** The keychain entry holding the team queue's password. */
const ACCOUNT = 'team-queue'

/**
 * Settings → Team queue. The address is checked here, in main; a password it carries goes to the
 * keychain and the settings keep the address without it, so neither the settings file, the window nor
 * a log ever holds it.
 */
export class TeamQueueSetting {
  constructor(
    private readonly keychain: Keychain,
    private readonly settings: SettingsService
  ) {}

  /** What the settings keep of a proposed team queue (null: none); its password is kept in the keychain first. */
  async keep(proposed: Settings['teamQueue']): Promise<Settings['teamQueue']> {
    if (!proposed) {
      await this.keychain.delete(ACCOUNT).catch(() => undefined)
      return null
    }
    const { onlyQueue, resultsFolder } = proposed
    if (!onlyQueue && !resultsFolder) throw new AppError('invalid-input', 'Team queue: choose the shared results folder every worker of the team reaches, or tick "Only queue" so this machine does not work itself.')
    if (resultsFolder && !existsSync(resultsFolder)) throw new AppError('invalid-input', `Team queue: the shared results folder ${resultsFolder} does not exist. It must be a folder every worker can reach (a shared drive).`)
    let parsed: URL
    try {
      parsed = new URL(checkQueueUrl(proposed.url.trim()))
    } catch (error) {
      if (error instanceof TeamQueueError) throw new AppError('invalid-input', `Team queue: ${error.message}`)
      throw error
    }
    if (parsed.password) {
      await this.keychain.set(ACCOUNT, decodeURIComponent(parsed.password))
      parsed.password = ''
    } else if (proposed.url.trim() !== this.settings.get().teamQueue?.url) {
      // A new address without a password: a password kept for the old one must not be sent to it.
      await this.keychain.delete(ACCOUNT).catch(() => undefined)
    }
    return { url: parsed.toString().replace(/\/$/, ''), onlyQueue, resultsFolder }
  }

  /** The team queue as set, its address in full (with its password from the keychain); null when none is set. */
  async current(): Promise<NonNullable<Settings['teamQueue']> | null> {
    const team = this.settings.get().teamQueue
    if (!team) return null
    const password = await this.keychain.get(ACCOUNT)
    if (!password) return team
    const parsed = new URL(team.url)
    parsed.password = encodeURIComponent(password)
    return { ...team, url: parsed.toString() }
  }
}
