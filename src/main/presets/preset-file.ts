import { z } from 'zod'
import type { ParamValues } from '../../shared/operations'

/** The version of the preset file's own shape; a newer one is refused rather than half read. */
export const PRESET_SCHEMA_VERSION = 1

const presetFileSchema = z.object({
  schemaVersion: z.number().int().min(1).max(PRESET_SCHEMA_VERSION, 'This preset was written by a newer Proofsheet.'),
  name: z.string().trim().min(1).max(80).optional(),
  operationId: z.string().min(1),
  values: z.record(z.string(), z.unknown())
})

export interface PresetFile {
  schemaVersion: number
  name?: string
  operationId: string
  values: ParamValues
}

/** The same file the app exports and the CLI's `--preset FILE` reads. */
export function presetFileText(preset: { name?: string; operationId: string; values: ParamValues }): string {
  const file: PresetFile = { schemaVersion: PRESET_SCHEMA_VERSION, ...(preset.name ? { name: preset.name } : {}), operationId: preset.operationId, values: preset.values }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** Throws a sentence naming what is wrong; the operation's own validation comes after, by the caller. */
export function parsePresetFile(text: string): PresetFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error('The preset file is not JSON.')
  }
  const parsed = presetFileSchema.safeParse(json)
  if (!parsed.success) throw new Error(`The preset file is not a Proofsheet preset: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}

/** A file name for the preset, safe on every platform. */
export function presetFileName(name: string): string {
  return `${name.replace(/[/\\:*?"<>|]+/g, '-').trim() || 'preset'}.proofsheet-preset.json`
}
