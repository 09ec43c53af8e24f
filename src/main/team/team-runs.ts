import { PROVIDERS, RedisWorkStore, TeamQueueError, Worker, type ProviderId, type WorkerEvent, type WorkerOptions } from '../../engine'
import type { EmitEvent, Settings } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { SqliteWorkStore } from '../catalog/work-items'
import type { ApiKeys } from '../keychain/api-keys'
import { TeamMirror } from './team-mirror'
import type { TeamQueueSetting } from './team-queue-setting'

/** What any worker of the app is given, whichever store it works on. */
export type WorkerBasics = Pick<WorkerOptions, 'urls' | 'keyFor' | 'limits' | 'keepCopiesIn' | 'leaseTtlMs'>

/** What this machine's own work on the team queue needs, when "Only queue" is not ticked. */
export type TeamWorkOptions = WorkerBasics & {
  keys: Pick<ApiKeys, 'key'>
  onEvent(event: WorkerEvent): void
}

export interface TeamRunsOptions {
  setting: TeamQueueSetting
  local: SqliteWorkStore
  emit: EmitEvent
  work: TeamWorkOptions
}

/**
 * The team queue of Settings, opened when a run first needs it (or at start, to follow runs left
 * unfinished) and opened afresh when the setting changes; unless "Only queue" is ticked, this machine
 * works on it too. Without the setting there is none, and runs stay on this machine as before.
 */
export class TeamRuns {
  private setTo: string | null = null
  private opening: Promise<TeamMirror> | undefined

  constructor(private readonly o: TeamRunsOptions) {}

  /** The team queue of the setting, or null when none is set; a queue that cannot be reached is said in plain words. */
  async current(): Promise<TeamMirror | null> {
    const team = await this.o.setting.current()
    const setTo = team && JSON.stringify(team)
    if (setTo !== this.setTo) await this.close()
    if (!team) return null
    this.setTo = setTo
    this.opening ??= this.open(team)
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

  /** Cancel: this app's photos waiting on the team queue, if one is open, end cancelled. */
  async cancelWaiting(reason: string): Promise<void> {
    await (await this.opening?.catch(() => undefined))?.cancelWaiting(reason)
  }

  async close(): Promise<void> {
    const opening = this.opening
    this.opening = undefined
    this.setTo = null
    await (await opening?.catch(() => undefined))?.close()
  }

  /** The providers with a key saved: the only ones whose photos this machine takes from the team queue. */
  private async keyedProviders(): Promise<ProviderId[]> {
    const keyed = await Promise.all(PROVIDERS.map(async ({ id }) => ((await this.o.work.keys.key(id).catch(() => null)) ? [id] : [])))
    return keyed.flat()
  }

  private async open(team: NonNullable<Settings['teamQueue']>): Promise<TeamMirror> {
    const { work } = this.o
    const resultsFolder = team.onlyQueue ? null : team.resultsFolder
    try {
      const store = await RedisWorkStore.open(resultsFolder ? { url: team.url, limits: work.limits, serves: await this.keyedProviders() } : { url: team.url })
      store.connection.on('away', (message) => this.o.emit('notice', { level: 'warning', message }))
      store.connection.on('back', () => this.o.emit('notice', { level: 'info', message: `The team queue at ${store.label} is back: going on.` }))
      const { keys: _keys, onEvent: _onEvent, ...basics } = work
      const worker = resultsFolder ? new Worker({ ...basics, store, stateDir: resultsFolder }) : undefined
      worker?.on('event', work.onEvent)
      await worker?.start()
      return new TeamMirror(store, this.o.local, worker)
    } catch (error) {
      this.opening = undefined
      this.setTo = null
      if (error instanceof TeamQueueError) throw new AppError('invalid-input', error.message)
      throw error
    }
  }
}
