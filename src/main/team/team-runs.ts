import { RedisWorkStore, TeamQueueError } from '../../engine'
import type { EmitEvent } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { SqliteWorkStore } from '../catalog/work-items'
import { TeamMirror } from './team-mirror'
import type { TeamQueueSetting } from './team-queue-setting'

export interface TeamRunsOptions {
  setting: TeamQueueSetting
  local: SqliteWorkStore
  emit: EmitEvent
}

/**
 * The team queue of Settings, opened when a run first needs it (or at start, to follow runs left
 * unfinished) and opened afresh when the setting changes. Without the setting there is none, and
 * runs stay on this machine as before.
 */
export class TeamRuns {
  private url: string | null = null
  private opening: Promise<TeamMirror> | undefined

  constructor(private readonly o: TeamRunsOptions) {}

  /** The team queue of the setting, or null when none is set; a queue that cannot be reached is said in plain words. */
  async current(): Promise<TeamMirror | null> {
    const url = await this.o.setting.url()
    if (url !== this.url) await this.close()
    if (!url) return null
    this.url = url
    this.opening ??= this.open(url)
    return this.opening
  }

  /** At start: follows again what an earlier run of the app left on the team queue. */
  async resume(): Promise<void> {
    const mirror = await this.current().catch((error: Error) => {
      this.o.emit('notice', { level: 'warning', message: `${error.message} Runs left on it are followed once it can be reached.` })
      return null
    })
    await mirror?.resume()
  }

  async close(): Promise<void> {
    const opening = this.opening
    this.opening = undefined
    this.url = null
    await (await opening?.catch(() => undefined))?.close()
  }

  private async open(url: string): Promise<TeamMirror> {
    try {
      const store = await RedisWorkStore.open({ url })
      store.connection.on('away', (message) => this.o.emit('notice', { level: 'warning', message }))
      store.connection.on('back', () => this.o.emit('notice', { level: 'info', message: `The team queue at ${store.label} is back: going on.` }))
      return new TeamMirror(store, this.o.local)
    } catch (error) {
      this.opening = undefined
      this.url = null
      if (error instanceof TeamQueueError) throw new AppError('invalid-input', error.message)
      throw error
    }
  }
}
