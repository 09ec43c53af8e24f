import { z } from 'zod'
import { none, type Domain } from './common'

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
     * The export's options travel as the user set them and are checked in main, where the export module
     * defines them once (selection, naming template, format, metadata, manifests, store check).
     */
    startExport: { input: z.object({ options: z.record(z.string(), z.unknown()) }), output: z.object({ total: z.number() }) },
    cancelExport: { input: none, output: none }
  },
  events: { export: exportStateSchema }
} satisfies Domain

export type ExportProgress = z.output<typeof exportStateSchema>
