import type { AppState, EmitEvent, HandlerInput, Handlers, KeyStatus, ParsedInput, RequestOutput, Settings } from '../../shared/ipc/contract'
import { allOperations, PROVIDERS, type ProviderId } from '../../engine/providers/registry'
import type { Balance } from '../../engine/providers/types'
import type { ApiKeys } from '../keychain/api-keys'
import type { Library } from '../library/library'
import type { SettingsService } from '../settings/settings'
import { AppError } from './app-error'
import type { BalanceTracker } from './balance-tracker'
import type { BatchRunner } from './batch-runner'

type AddResult = RequestOutput<'addPaths'>

/** What only the desktop shell can do; the test transport supplies its own. */
export interface ShellActions {
  /** A native folder-and-file picker; resolves to the chosen paths (none when cancelled). */
  pickPaths(): Promise<string[]>
  showInFolder(path: string): void
}

export interface AppServiceOptions {
  library: Library
  keys: ApiKeys
  settings: SettingsService
  balances: BalanceTracker
  runner: BatchRunner
  emit: EmitEvent
  shell: ShellActions
  /**
   * Whether the renderer may name paths itself. Off in the app, where paths come only from the native
   * picker or a drop, so a compromised renderer cannot add (and then read) an arbitrary file.
   */
  typedPaths: boolean
}

/** Every request the renderer can make, implemented once; Electron IPC and the test transport both call it. */
export class AppService implements Handlers<ProviderId> {
  constructor(private readonly o: AppServiceOptions) {}

  async getState(): Promise<AppState> {
    return {
      library: this.o.library.state(),
      jobs: this.o.library.lastJobs().map(({ outputPaths: _paths, ...job }) => job),
      keys: await Promise.all(PROVIDERS.map((p) => this.keyStatus(p.id))),
      balances: this.o.balances.all(),
      queue: this.o.runner.queueState(),
      settings: this.o.settings.get(),
      operations: allOperations().map((o) => ({ id: o.id, label: o.label })),
      providers: PROVIDERS.map((p) => ({ id: p.id, name: p.name })),
      typedPaths: this.o.typedPaths
    }
  }

  async addPaths({ paths }: ParsedInput<'addPaths'>): Promise<AddResult> {
    if (!this.o.typedPaths) throw new AppError('invalid-input', 'Add photos with the Add photos… button or File › Add Photos….')
    return this.add(paths)
  }

  async pickAndAdd(): Promise<AddResult> {
    const paths = await this.o.shell.pickPaths()
    return paths.length ? this.add(paths) : { added: 0, skipped: [] }
  }

  async removeImages({ ids }: ParsedInput<'removeImages'>): Promise<void> {
    await this.o.library.remove(ids)
    this.o.emit('library', this.o.library.state())
  }

  async setPreset(preset: ParsedInput<'setPreset'>): Promise<void> {
    await this.o.library.setPreset(preset)
    this.o.emit('library', this.o.library.state())
  }

  async setOverrides({ imageId, values }: ParsedInput<'setOverrides'>): Promise<void> {
    await this.o.library.setOverrides(imageId, values)
    this.o.emit('library', this.o.library.state())
  }

  async setKey({ provider, key }: HandlerInput<'setKey', ProviderId>): Promise<KeyStatus> {
    return this.afterTest(provider, await this.o.keys.set(provider, key))
  }

  async testKey({ provider }: HandlerInput<'testKey', ProviderId>): Promise<KeyStatus> {
    return this.afterTest(provider, await this.o.keys.test(provider))
  }

  async deleteKey({ provider }: HandlerInput<'deleteKey', ProviderId>): Promise<KeyStatus> {
    const status = await this.o.keys.delete(provider)
    this.o.balances.forget(provider)
    this.o.emit('keys', status)
    return status
  }

  async updateSettings(patch: ParsedInput<'updateSettings'>): Promise<Settings> {
    const settings = this.o.settings.update(patch)
    this.o.emit('settings', settings)
    return settings
  }

  startBatch({ imageIds }: ParsedInput<'startBatch'>): Promise<{ jobs: number }> {
    return this.o.runner.start(imageIds)
  }

  async pauseBatch(): Promise<void> {
    this.o.runner.pause()
  }

  async resumeBatch(): Promise<void> {
    this.o.runner.resume()
  }

  async cancelBatch(): Promise<void> {
    this.o.runner.cancel()
  }

  async showInFolder({ imageId, index }: ParsedInput<'showInFolder'>): Promise<void> {
    const image = this.o.library.get(imageId)
    if (!image) throw new AppError('not-found', 'That photo is no longer in the library.')
    this.o.shell.showInFolder(this.o.library.lastJob(imageId)?.outputPaths?.[index] ?? image.path)
  }

  private async add(paths: string[]): Promise<AddResult> {
    const result = await this.o.library.add(paths)
    this.o.emit('library', this.o.library.state())
    return result
  }

  private async keyStatus(provider: ProviderId): Promise<KeyStatus> {
    return this.o.keys.status(provider).catch((error: Error) => ({ provider, state: 'not-set' as const, sandbox: false, message: error.message }))
  }

  private afterTest(provider: ProviderId, { status, balances }: { status: KeyStatus; balances: Balance[] }): KeyStatus {
    if (status.state === 'invalid') this.o.balances.forget(provider)
    for (const balance of balances) this.o.balances.accept(balance)
    this.o.emit('keys', status)
    return status
  }
}
