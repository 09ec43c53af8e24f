import { z } from 'zod'
import { rowId, type Domain } from './common'
import { namedPresetSchema } from './presets'

const path = z.string().min(1).max(4096)

/** An image a parameter names, as the window shows it beside its field. */
export const paramFilePreviewSchema = z.object({
  name: z.string(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** A small JPEG as a `data:` URL. */
  thumbnail: z.string()
})

/**
 * Images given as parameters (a background, a guide image, a model's photo) and presets that carry
 * them. Paths come from main's pickers in the app; the test harness, which has no native dialogs,
 * may type them.
 */
export const paramFiles = {
  requests: {
    /** The native picker for an image to use as a parameter; null when cancelled. */
    chooseParamFile: { input: z.object({}), output: z.object({ path }).nullable() },
    /** A thumbnail and the size of an image a parameter names. */
    paramFilePreview: { input: z.object({ path }), output: paramFilePreviewSchema },
    /** Writes a preset file with its image files copied beside it, into a folder (typed in the harness, else picked); null when cancelled. */
    exportPresetFolder: { input: z.object({ id: rowId, folder: path.optional() }), output: z.object({ path }).nullable() },
    /** Reads a preset file (typed in the harness, else picked), its image paths relative to its folder; null when cancelled. */
    importPresetFile: { input: z.object({ path: path.optional() }), output: namedPresetSchema.nullable() }
  },
  events: {}
} satisfies Domain

export type ParamFilePreview = z.output<typeof paramFilePreviewSchema>
