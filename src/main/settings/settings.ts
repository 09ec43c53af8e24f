import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type Conf from 'conf'
import type { Options } from 'conf'
import { z } from 'zod'
import { settingsSchema, type Settings } from '../../shared/ipc/contract'
import { PROVIDERS } from '../../engine'

const DEFAULT_CONCURRENCY: Settings['concurrency'] = Object.fromEntries(PROVIDERS.map((p) => [p.id, p.limits.concurrency]))

export const DEFAULT_SETTINGS: Settings = {
  outputFolder: null,
  naming: '{name}',
  concurrency: DEFAULT_CONCURRENCY,
  fitOversize: true,
  defaultPreset: { operationId: 'photoroom.remove-background', values: {} },
  budgetCap: null,
  teamQueue: null,
  window: { width: 1280, height: 820, maximized: false }
}

type Store = Conf<Settings>

/**
 * The options electron-store (in the app) and conf (its base, in tests) are both opened with: the JSON
 * schema comes from the same zod schema the IPC contract validates with, so the two cannot disagree.
 */
export function settingsStoreOptions(): Options<Settings> {
  const json = z.toJSONSchema(settingsSchema, { target: 'draft-2020-12', io: 'input' }) as { properties: Options<Settings>['schema'] }
  return {
    configName: 'settings',
    schema: json.properties,
    defaults: DEFAULT_SETTINGS,
    clearInvalidConfig: false,
    migrations: {
      // 0.1 kept one concurrency for every provider; each provider now has its own.
      '0.2.0': (store) => {
        const old = store.get('concurrency') as unknown
        if (typeof old === 'number') {
          store.set('concurrency', Object.fromEntries(PROVIDERS.map((p) => [p.id, old])))
        }
      }
    }
  }
}

/** Preferences the user sets once: output folder and naming, concurrency per provider, the default preset. */
export class SettingsService {
  private readonly listeners = new Set<(settings: Settings) => void>()

  constructor(private readonly store: Store) {}

  /** Follows changes, so a running queue takes them on at once. */
  onChange(listener: (settings: Settings) => void): void {
    this.listeners.add(listener)
  }

  /** A provider added since the file was written gets its default concurrency here, so no file goes stale. */
  get(): Settings {
    const settings = settingsSchema.parse(this.store.store)
    return { ...settings, concurrency: { ...DEFAULT_CONCURRENCY, ...settings.concurrency } }
  }

  /** Validated as a whole before anything is written, so a bad field leaves the file as it was. */
  update(patch: Partial<Omit<Settings, 'window'>>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch })
    this.store.store = next
    for (const listener of this.listeners) listener(next)
    return next
  }

  saveWindow(window: Settings['window']): void {
    this.store.set('window', window)
  }
}

/**
 * Opens the settings store; a file that fails the schema (edited by hand, written by a newer version)
 * is set aside and the defaults are used, rather than the app refusing to start.
 */
export function openSettingsStore(open: () => Store, dir: string): { store: Store; problem?: string } {
  try {
    return { store: open() }
  } catch (error) {
    const file = join(dir, 'settings.json')
    if (!existsSync(file)) throw error
    const aside = `${file}.invalid-${Date.now()}`
    renameSync(file, aside)
    return { store: open(), problem: `Your settings could not be read (${(error as Error).message}); defaults are used and the old file was kept as ${aside}.` }
  }
}
