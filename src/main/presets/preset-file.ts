import { basename, extname, join } from 'node:path'
import { z } from 'zod'
import { copyFileAtomic, mapFiles, paramFilePaths, resolveParamPaths, writeFileAtomic, type ProviderOperation } from '../../engine'
import type { ParamValues } from '../../shared/operations'
import { nestDotted } from '../../shared/operations/set-param'

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

/** A preset file's values as its operation reads them: nested names inside their parameter, image files relative to the file's folder made whole. */
export function presetValues(operation: ProviderOperation, values: ParamValues, folder: string): ParamValues {
  return resolveParamPaths(operation, nestDotted(operation, values), folder)
}

/** A name for a copied image that no other copied image has taken, keeping its extension. */
function freeName(path: string, taken: Set<string>): string {
  const ext = extname(path)
  const stem = basename(path, ext).replace(/[/\\:*?"<>|]+/g, '-') || 'image'
  let name = `${stem}${ext}`
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}${ext}`
  taken.add(name.toLowerCase())
  return name
}

/**
 * Writes the preset file into `folder` with a copy of each image file it names beside it, the file
 * naming them by their new names: the folder can be handed to another machine, or to the command line's
 * `--preset`, whole. Returns the preset file's path.
 */
export async function writePresetFolder(operation: ProviderOperation, preset: { name: string; values: ParamValues }, folder: string): Promise<string> {
  const taken = new Set<string>()
  const copies = new Map<string, string>()
  for (const { path } of paramFilePaths(operation, preset.values)) {
    if (copies.has(path)) continue
    const name = freeName(path, taken)
    await copyFileAtomic(path, join(folder, name))
    copies.set(path, name)
  }
  const values = mapFiles(operation, preset.values, (leaf) => (typeof leaf === 'string' ? (copies.get(leaf) ?? leaf) : leaf))
  const target = join(folder, presetFileName(preset.name))
  await writeFileAtomic(target, presetFileText({ name: preset.name, operationId: operation.id, values }))
  return target
}
