import { z } from 'zod'
import { idList } from '../../shared/ipc/contract/common'
import { MARKETPLACE_IDS } from './marketplaces'
import { templateProblem } from './naming'
import { EXPORT_FORMATS } from '../../shared/images/formats'

export { EXPORT_FORMATS }
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const hexColour = z.string().regex(/^#?[0-9a-fA-F]{6}$/, 'a colour as six hex digits, like FFFFFF')

/** Which photos: the approved ones (flagged pick), the ones given, or every photo that has a result. */
export const exportSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approved') }),
  z.object({ kind: z.literal('photos'), photoIds: idList.min(1) }),
  z.object({ kind: z.literal('done') })
])

/** Everything an export is made of, shared by the window and the command line; defaults in one place. */
export const exportOptionsSchema = z.object({
  outDir: z.string().min(1),
  selection: exportSelectionSchema.default({ kind: 'approved' }),
  template: z
    .string()
    .min(1)
    .max(200, 'at most 200 characters')
    .default('{name}')
    .superRefine((template, ctx) => {
      const problem = templateProblem(template)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
  /** Each photo's folder (relative to what the user added) is recreated under `outDir`. */
  mirrorFolders: z.boolean().default(false),
  /** `{sku}` from a CSV file (file name, SKU per row) or a regular expression on the file name (its first group). */
  sku: z.union([z.object({ csv: z.string().min(1) }), z.object({ pattern: z.string().min(1).max(500, 'at most 500 characters') })]).optional(),
  format: z.enum(EXPORT_FORMATS).default('jpeg'),
  quality: z.number().int().min(1).max(100).default(90),
  /** Fill behind transparent results; JPEG has no transparency, so it is filled with white when not given. */
  background: hexColour.optional(),
  resize: z.object({ width: z.number().int().positive(), height: z.number().int().positive(), fit: z.enum(['fit', 'fill', 'pad']).default('fit') }).optional(),
  dpi: z.number().int().positive().max(10_000).optional(),
  /** Camera, lens, dates and copyright from the original; GPS only when asked. */
  exif: z.boolean().default(true),
  gps: z.boolean().default(false),
  xmpSidecars: z.boolean().default(true),
  manifest: z.boolean().default(true),
  /** A Shopify product CSV too; `Image Src` is `baseUrl` + the relative path, or the relative path alone. */
  shopify: z.object({ baseUrl: z.url().optional() }).optional(),
  storeCheck: z.enum(MARKETPLACE_IDS).optional(),
  concurrency: z.number().int().positive().max(64).optional()
})

export type ExportSelection = z.infer<typeof exportSelectionSchema>
export type ExportOptions = z.input<typeof exportOptionsSchema>
export type ResolvedExportOptions = z.output<typeof exportOptionsSchema>

export class ExportOptionsError extends Error {}

/** Defaults filled in; throws an ExportOptionsError naming each bad option. */
export function resolveExportOptions(options: ExportOptions): ResolvedExportOptions {
  const parsed = exportOptionsSchema.safeParse(options)
  if (parsed.success) return parsed.data
  throw new ExportOptionsError(parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('\n'))
}
