import type { EmitEvent, NamedPreset } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { Catalog } from '../catalog/catalog'
import type { PresetRow } from '../catalog/presets'
import { operationFor, refuseInvalid } from '../photos/effective-params'
import type { PhotoLibrary } from '../photos/photo-library'
import { BUILT_IN_PRESETS } from './built-in'
import { parsePresetFile, presetFileName, presetFileText, PRESET_SCHEMA_VERSION } from './preset-file'

const DESCRIPTIONS = new Map(BUILT_IN_PRESETS.map((p) => [p.name, p.description]))

/** Named presets in the catalog: the marketplace ones that ship, and the user's own. */
export class PresetLibrary {
  constructor(
    private readonly catalog: Catalog,
    private readonly photos: PhotoLibrary,
    private readonly emit: EmitEvent
  ) {
    // Written at every start, so an update's corrected built-in replaces the old one.
    catalog.transaction(() => BUILT_IN_PRESETS.forEach(({ name, operationId, values }) => catalog.savePreset({ name, operationId, values, schemaVersion: PRESET_SCHEMA_VERSION, builtIn: true })))
  }

  list(): NamedPreset[] {
    return this.catalog.presets().map(({ id, name, operationId, values, builtIn }) => ({ id, name, operationId, values, builtIn, ...(DESCRIPTIONS.has(name) ? { description: DESCRIPTIONS.get(name) } : {}) }))
  }

  /** The current batch preset, kept under a name; a built-in's name is not the user's to take. */
  save(name: string): NamedPreset {
    if (DESCRIPTIONS.has(name)) throw new AppError('invalid-input', `"${name}" is a built-in preset; choose another name.`)
    const { operationId, values } = this.photos.preset()
    const row = this.catalog.savePreset({ name, operationId, values, schemaVersion: PRESET_SCHEMA_VERSION })
    return this.changed(row)
  }

  apply(id: number): void {
    const { operationId, values } = this.require(id)
    this.photos.setPreset({ operationId, values })
    this.emit('preset', { operationId, values })
  }

  delete(id: number): void {
    if (this.require(id).builtIn) throw new AppError('invalid-input', 'Built-in presets cannot be deleted.')
    this.catalog.deletePreset(id)
    this.emit('presets', this.list())
  }

  export(id: number): { fileName: string; text: string } {
    const preset = this.require(id)
    return { fileName: presetFileName(preset.name), text: presetFileText(preset) }
  }

  /** Checked against its operation before it is kept, each problem naming its parameter. */
  import(text: string, name?: string): NamedPreset {
    let file
    try {
      file = parsePresetFile(text)
    } catch (error) {
      throw new AppError('invalid-input', (error as Error).message)
    }
    refuseInvalid(operationFor(file.operationId), file.values)
    const chosen = name ?? file.name ?? 'Imported preset'
    const free = DESCRIPTIONS.has(chosen) ? `${chosen} (imported)` : chosen
    return this.changed(this.catalog.savePreset({ name: free, operationId: file.operationId, values: file.values, schemaVersion: file.schemaVersion }))
  }

  private changed(row: PresetRow): NamedPreset {
    this.emit('presets', this.list())
    return this.list().find((p) => p.id === row.id) as NamedPreset
  }

  private require(id: number): PresetRow {
    const preset = this.catalog.presets().find((p) => p.id === id)
    if (!preset) throw new AppError('not-found', 'That preset is no longer in the catalog.')
    return preset
  }
}
