import { z } from 'zod'
import { none, paramValues, rowId, type Domain } from './common'

/** A named preset as the window lists it; built-in ones carry the marketplace rule they follow. */
export const namedPresetSchema = z.object({
  id: rowId,
  name: z.string(),
  operationId: z.string(),
  values: paramValues,
  builtIn: z.boolean(),
  description: z.string().optional()
})

export const presets = {
  requests: {
    /** Saves the current batch preset under a name (the same name replaces it). */
    savePreset: { input: z.object({ name: z.string().trim().min(1).max(80) }), output: namedPresetSchema },
    /** Makes a named preset the batch preset. */
    applyPreset: { input: z.object({ id: rowId }), output: none },
    /** Puts back the batch preset the last applyPreset replaced, unless the settings changed since. */
    undoApplyPreset: { input: none, output: none },
    deletePreset: { input: z.object({ id: rowId }), output: none },
    /** The preset file's text (JSON: operation id, values, schema version), for the window to save. */
    exportPreset: { input: z.object({ id: rowId }), output: z.object({ fileName: z.string(), text: z.string() }) },
    /** A preset file's text, checked against its operation before it is kept. */
    importPreset: { input: z.object({ text: z.string().max(1_000_000), name: z.string().trim().min(1).max(80).optional() }), output: namedPresetSchema }
  },
  events: { presets: z.array(namedPresetSchema) }
} satisfies Domain

export const presetsStateSchema = z.object({ presets: z.array(namedPresetSchema) })

export type NamedPreset = z.output<typeof namedPresetSchema>
