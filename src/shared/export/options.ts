import { z } from 'zod'
import { EXPORT_FORMATS } from '../images/formats'
import { absolutePath, idList } from '../ipc/contract/common'
import { MARKETPLACE_IDS } from '../marketplaces'
import { MAX_TEMPLATE, templateProblem } from './template'

const hexColour = z.string().regex(/^#?[0-9a-fA-F]{6}$/, 'a colour as six hex digits, like FFFFFF')
/** Wider than any store takes, small enough that one export cannot ask for gigabytes of pixels. */
const MAX_SIDE = 16_384
const side = z.number().int().positive().max(MAX_SIDE, `at most ${MAX_SIDE.toLocaleString('en-US')} px`)

/** Which photos: the approved ones (flagged pick), the ones given, or every photo that has a result. */
export const exportSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approved') }),
  z.object({ kind: z.literal('photos'), photoIds: idList.min(1) }),
  z.object({ kind: z.literal('done') })
])

/**
 * Everything an export is made of, shared by the window (checked at the boundary), main and the
 * command line; defaults in one place. Unknown options are refused by name.
 */
export const exportOptionsSchema = z
  .object({
    outDir: absolutePath,
    selection: exportSelectionSchema.default({ kind: 'approved' }),
    template: z
      .string()
      .min(1)
      .max(MAX_TEMPLATE, `at most ${MAX_TEMPLATE} characters`)
      .default('{name}')
      .superRefine((template, ctx) => {
        const problem = templateProblem(template)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      }),
    /** Each photo's folder (relative to what the user added) is recreated under `outDir`. */
    mirrorFolders: z.boolean().default(false),
    /** `{sku}` from a CSV file (file name, SKU per row) or a regular expression on the file name (its first group). */
    sku: z.union([z.object({ csv: absolutePath }).strict(), z.object({ pattern: z.string().min(1).max(500, 'at most 500 characters') }).strict()]).optional(),
    format: z.enum(EXPORT_FORMATS).default('jpeg'),
    quality: z.number().int().min(1).max(100).default(90),
    /** Fill behind transparent results; JPEG has no transparency, so it is filled with white when not given. */
    background: hexColour.optional(),
    resize: z.object({ width: side, height: side, fit: z.enum(['fit', 'fill', 'pad']).default('fit') }).strict().optional(),
    dpi: z.number().int().positive().max(10_000).optional(),
    /** Camera, lens, dates and copyright from the original; GPS only when asked. */
    exif: z.boolean().default(true),
    gps: z.boolean().default(false),
    xmpSidecars: z.boolean().default(true),
    manifest: z.boolean().default(true),
    /** A Shopify product CSV too; `Image Src` is `baseUrl` + the relative path, or the relative path alone. */
    shopify: z.object({ baseUrl: z.url({ protocol: /^https?$/ }).max(2000).optional() }).strict().optional(),
    storeCheck: z.enum(MARKETPLACE_IDS).optional(),
    concurrency: z.number().int().positive().max(64).optional(),
    /** The user was asked, and agreed, to export into a folder that holds originals of the catalog (never replaced either way). */
    intoOriginalsFolder: z.boolean().default(false)
  })
  .strict()

export type ExportSelection = z.infer<typeof exportSelectionSchema>
export type ExportOptions = z.input<typeof exportOptionsSchema>
export type ResolvedExportOptions = z.output<typeof exportOptionsSchema>

/** What naming needs of an export's options: the window asks for a preview of the names with these. */
export const exportNamingSchema = exportOptionsSchema.pick({ selection: true, template: true, mirrorFolders: true, sku: true, format: true, xmpSidecars: true }).strict()
export type ExportNaming = z.input<typeof exportNamingSchema>
