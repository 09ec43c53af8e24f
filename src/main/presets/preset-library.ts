import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { paramFilePaths } from '../../engine'
import type { EmitEvent, NamedPreset, Preset } from '../../shared/ipc/contract'
import { nestDotted } from '../../shared/operations/set-param'
import { AppError } from '../app/app-error'
import type { Catalog } from '../catalog/catalog'
import type { PresetRow } from '../catalog/presets'
import { operationFor, refuseInvalid } from '../photos/effective-params'
import type { PhotoLibrary } from '../photos/photo-library'
import { BUILT_IN_PRESETS } from './built-in'
import { parsePresetFile, presetFileName, presetFileText, presetValues, PRESET_SCHEMA_VERSION, writePresetFolder, type PresetFile } from './preset-file'

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

  /** What the last preset applied replaced: put back by `undoApply` while the batch still is that preset. */
  private replaced: { before: Preset; applied: Preset } | null = null

  apply(id: number): void {
    const { operationId, values } = this.require(id)
    const before = this.photos.preset()
    this.photos.setPreset({ operationId, values })
    this.replaced = { before, applied: { operationId, values } }
    this.emit('preset', { operationId, values })
  }

  /**
   * The batch's settings from before the last preset was applied, as they were: already the user's, so
   * an image they name is not asked for again. Refused once the settings changed since.
   */
  undoApply(): void {
    const replaced = this.replaced
    if (!replaced || !isDeepStrictEqual(this.photos.preset(), replaced.applied)) throw new AppError('invalid-input', 'The batch settings changed after the preset was applied, so they were not put back.')
    this.replaced = null
    this.photos.setPreset(replaced.before)
    this.emit('preset', replaced.before)
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

  /**
   * A preset file's text, checked against its operation before it is kept. Image paths in it must be
   * whole: relative ones belong to the file's folder, which only `importFile` knows.
   */
  import(text: string, name?: string): NamedPreset {
    const file = this.parse(text)
    const operation = operationFor(file.operationId)
    const values = nestDotted(operation, file.values)
    const relative = paramFilePaths(operation, values).filter(({ path }) => !isAbsolute(path))
    if (relative.length) {
      const problems = relative.map(({ param, path }) => ({ param, message: `${path} is relative to the preset file's folder: import the file with Import preset file… so its images are found` }))
      throw new AppError('invalid-input', problems.map((p) => p.message).join('\n'), problems)
    }
    return this.keep(file, values, name)
  }

  /** A preset file on disk: image paths in it are read relative to its folder (where export copies them). */
  async importFile(path: string, name?: string): Promise<NamedPreset> {
    const text = await readFile(path, 'utf8').catch(() => {
      throw new AppError('not-found', `${path} cannot be read.`)
    })
    const file = this.parse(text)
    return this.keep(file, presetValues(operationFor(file.operationId), file.values, dirname(path)), name)
  }

  /** The preset file, with a copy of each image it names beside it, in `folder`; returns the file's path. */
  async exportFolder(id: number, folder: string): Promise<string> {
    const preset = this.require(id)
    return writePresetFolder(operationFor(preset.operationId), preset, folder)
  }

  private parse(text: string): PresetFile {
    try {
      return parsePresetFile(text)
    } catch (error) {
      throw new AppError('invalid-input', (error as Error).message)
    }
  }

  private keep(file: PresetFile, values: PresetFile['values'], name: string | undefined): NamedPreset {
    refuseInvalid(operationFor(file.operationId), values)
    const chosen = name ?? file.name ?? 'Imported preset'
    const free = DESCRIPTIONS.has(chosen) ? `${chosen} (imported)` : chosen
    return this.changed(this.catalog.savePreset({ name: free, operationId: file.operationId, values, schemaVersion: file.schemaVersion }))
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
