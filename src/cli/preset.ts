import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { operationById, type ProviderOperation } from '../engine'
import { parsePresetFile, presetValues } from '../main/presets/preset-file'
import type { ParamValues } from '../shared/operations'

/** `--preset FILE`: the preset file the app exports, read into an operation and its values. */
export function readPresetFile(path: string): { operation: ProviderOperation; values: ParamValues } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new Error(`--preset ${path}: no such file`)
  }
  const file = parsePresetFile(text)
  const operation = operationById(file.operationId)
  if (!operation) throw new Error(`--preset ${path}: this Proofsheet has no "${file.operationId}" operation`)
  // Image files named in a preset are relative to the preset file's folder (export copies them beside it).
  return { operation, values: presetValues(operation, file.values, dirname(path)) }
}
