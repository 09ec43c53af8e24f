import type { ParamValues } from '../../shared/operations'
import type { Db } from './database'

/** What a batch runs with: one operation and its parameter values. */
export interface BatchPreset {
  operationId: string
  values: ParamValues
}

export interface NewPreset extends BatchPreset {
  name: string
  /** The version of the operation's parameter schema the values were written for. */
  schemaVersion: number
  builtIn?: boolean
}

export interface PresetRow extends NewPreset {
  id: number
  builtIn: boolean
  updatedAt: number
}

interface Stored {
  id: number
  name: string
  operation_id: string
  param_values: string
  schema_version: number
  built_in: 0 | 1
  updated_at: number
}

function toPreset(row: Stored): PresetRow {
  return {
    id: row.id,
    name: row.name,
    operationId: row.operation_id,
    values: JSON.parse(row.param_values) as ParamValues,
    schemaVersion: row.schema_version,
    builtIn: row.built_in === 1,
    updatedAt: row.updated_at
  }
}

/**
 * The current batch preset is not a named preset (the user edits it freely without saving), so it
 * lives in the settings table under this key, as JSON.
 */
const CURRENT_PRESET = 'current_preset'

/** Named presets, and the batch preset every photo without an override runs with. */
export class Presets {
  private readonly upsert
  private readonly all
  private readonly remove
  private readonly builtIn
  private readonly readSetting
  private readonly writeSetting

  constructor(db: Db) {
    this.upsert = db.prepare<[string, string, string, number, number, number], Stored>(
      `INSERT INTO presets (name, operation_id, param_values, schema_version, built_in, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET operation_id = excluded.operation_id, param_values = excluded.param_values,
         schema_version = excluded.schema_version, built_in = excluded.built_in, updated_at = excluded.updated_at
       RETURNING *`
    )
    this.all = db.prepare<[], Stored>('SELECT * FROM presets ORDER BY built_in DESC, name')
    this.remove = db.prepare<[number]>('DELETE FROM presets WHERE id = ? AND built_in = 0')
    this.builtIn = db.prepare<[number], number>('SELECT 1 FROM presets WHERE id = ? AND built_in = 1').pluck()
    this.readSetting = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck()
    this.writeSetting = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  }

  /** Saving under an existing name replaces that preset. */
  save(preset: NewPreset): PresetRow {
    const row = this.upsert.get(preset.name, preset.operationId, JSON.stringify(preset.values), preset.schemaVersion, preset.builtIn ? 1 : 0, Date.now())!
    return toPreset(row)
  }

  /** Built-in presets first, then by name. */
  list(): PresetRow[] {
    return this.all.all().map(toPreset)
  }

  /** Built-in presets ship with the app and are refused; returns whether a preset was deleted. */
  delete(id: number): boolean {
    if (this.builtIn.get(id)) throw new Error('Built-in presets cannot be deleted.')
    return this.remove.run(id).changes > 0
  }

  current(): BatchPreset | undefined {
    const text = this.readSetting.get(CURRENT_PRESET)
    return text === undefined ? undefined : (JSON.parse(text) as BatchPreset)
  }

  setCurrent(preset: BatchPreset): void {
    this.writeSetting.run(CURRENT_PRESET, JSON.stringify({ operationId: preset.operationId, values: preset.values }))
  }
}
