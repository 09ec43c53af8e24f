import { z } from 'zod'
import { none, paramValues, rowId, type Domain } from './common'

export const presetSchema = z.object({ operationId: z.string().min(1), values: paramValues })

export const reviewSchema = z.object({
  flag: z.enum(['pick', 'reject']).nullable(),
  rating: z.number().int().min(0).max(5),
  label: z.string().nullable()
})

/** One photo as the window lists it; its job state streams separately (the jobs domain). */
export const photoRowSchema = z.object({
  id: rowId,
  name: z.string(),
  /** Shown to the user (it is their own file); never used by the renderer to load anything. */
  path: z.string(),
  /** The folder or file the user added, and the folder inside it: the folder tree. */
  root: z.string(),
  folder: z.string(),
  bytes: z.number(),
  /** Filled in the background after adding; null until then. */
  format: z.string().nullable(),
  width: z.number(),
  height: z.number(),
  facts: z.enum(['pending', 'ready', 'unreadable']),
  reason: z.string().optional(),
  overrides: paramValues,
  /** How many results (variants) the photo has. */
  results: z.number(),
  /** The result the window shows: the one chosen in review, else the newest. */
  shownResult: z.object({ id: rowId, outputs: z.number(), output: z.number() }).nullable(),
  review: reviewSchema,
  /** The last marketplace check of the shown result; null when never checked, or checked on another result. */
  storeCheck: z.object({ rule: z.string(), passed: z.boolean(), reasons: z.array(z.string()) }).nullable()
})

export const folderCountSchema = z.object({ root: z.string(), folder: z.string(), count: z.number() })

/** What the window needs to lay out the whole list without having every row. */
export const catalogSummarySchema = z.object({
  total: z.number(),
  /** Photos whose format and size are still being read. */
  pending: z.number(),
  folders: z.array(folderCountSchema),
  /** Bumped whenever photos are added or removed: rows fetched by range before it are stale. */
  version: z.number()
})

export const skippedSchema = z.object({ path: z.string(), reason: z.string() })
const addResult = z.object({ added: z.number(), skipped: z.array(skippedSchema) })

export const catalog = {
  requests: {
    addPaths: { input: z.object({ paths: z.array(z.string().min(1)).min(1).max(1000) }), output: addResult },
    pickAndAdd: { input: none, output: addResult },
    listPhotos: { input: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }), output: z.object({ rows: z.array(photoRowSchema), total: z.number() }) },
    removePhotos: { input: z.object({ ids: z.array(rowId).min(1) }), output: none },
    setPreset: { input: presetSchema, output: none },
    setOverrides: { input: z.object({ photoId: rowId, values: paramValues }), output: none }
  },
  events: {
    /** Rows that changed or went away, by id; coalesced to at most about ten a second. */
    photos: z.object({ changed: z.array(photoRowSchema), removed: z.array(rowId) }),
    catalog: catalogSummarySchema,
    preset: presetSchema
  }
} satisfies Domain

export const catalogStateSchema = z.object({ summary: catalogSummarySchema, firstRows: z.array(photoRowSchema), preset: presetSchema })

export type PhotoRow = z.output<typeof photoRowSchema>
export type CatalogSummary = z.output<typeof catalogSummarySchema>
export type Preset = z.output<typeof presetSchema>
export type Review = z.output<typeof reviewSchema>
