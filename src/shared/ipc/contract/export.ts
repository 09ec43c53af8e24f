import { z } from 'zod'
import { exportNamingSchema, exportOptionsSchema } from '../../export/options'
import { none, rowId, type Domain } from './common'

/** An export as the window follows it: one at a time, with progress and how it ended. */
export const exportStateSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'cancelled', 'failed']),
  outDir: z.string().nullable(),
  total: z.number(),
  done: z.number(),
  written: z.number(),
  unchanged: z.number(),
  failed: z.number(),
  /** Photos whose exported file failed the marketplace check chosen for the export. */
  storeFailures: z.number(),
  /** How it ended, or why it could not start, in the user's words. */
  message: z.string().optional()
})

export const exportDomain = {
  requests: {
    /**
     * The export's options, checked here in full (selection, naming template, format, metadata,
     * manifests, store check); the folder and a SKU file must be ones main was given. Into a folder
     * that holds originals of the catalog, main answers with a question instead, and the export starts
     * once the window sends the options again with `intoOriginalsFolder`.
     */
    startExport: {
      input: z.object({ options: exportOptionsSchema }),
      output: z.union([z.object({ total: z.number() }), z.object({ question: z.string() })])
    },
    cancelExport: { input: none, output: none },
    /** The last export's folder, shown in the file manager: main knows which, the window names none. */
    showExportFolder: { input: none, output: none },
    /**
     * Before exporting: the first file names the template would give (by the export's own naming), each
     * with the photo it is for and its SKU, or why that photo would not be exported; `problem` when the
     * options themselves cannot be used (a SKU pattern that is not valid, a SKU file that cannot be read).
     */
    previewExportNames: {
      input: z.object({ options: exportNamingSchema, limit: z.number().int().min(1).max(20).default(5) }),
      output: z.object({
        total: z.number(),
        names: z.array(z.object({ photoId: rowId, photo: z.string(), sku: z.string().nullable(), name: z.string().nullable(), problem: z.string().optional() })),
        problem: z.string().optional()
      })
    }
  },
  events: { export: exportStateSchema }
} satisfies Domain

export type ExportProgress = z.output<typeof exportStateSchema>
