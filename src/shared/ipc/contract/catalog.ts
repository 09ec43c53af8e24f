import { z } from 'zod'
import type { PhotoState } from '../photo-state'
import { idList, none, paramValues, rowId, type Domain } from './common'
import { COMMAND_IDS } from '../../commands'
import { REVIEW_FLAGS, REVIEW_LABELS } from '../../review-marks'

export const presetSchema = z.object({ operationId: z.string().min(1), values: paramValues })

export const reviewSchema = z.object({
  flag: z.enum(REVIEW_FLAGS).nullable(),
  rating: z.number().int().min(0).max(5),
  label: z.enum(REVIEW_LABELS).nullable()
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
  /**
   * The result the window shows and export writes: the one chosen in review (`chosen`), else the newest
   * (which a later run replaces).
   */
  shownResult: z.object({ id: rowId, outputs: z.number(), output: z.number(), chosen: z.boolean() }).nullable(),
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

/** How the gallery is ordered and narrowed; main turns it into SQL, so ranges stay the unit. */
export const PHOTO_STATES = ['not-run', 'queued', 'sending', 'done', 'failed', 'skipped'] as const satisfies readonly PhotoState[]
export const photoQuerySchema = z.object({
  /** `needs-a-look`: Photoroom's highest uncertainty scores first, photos without one last. */
  sort: z.enum(['name', 'date', 'folder', 'state', 'needs-a-look']).optional(),
  descending: z.boolean().optional(),
  state: z.enum(PHOTO_STATES).optional(),
  /** One added folder (its root) and, optionally, a folder inside it. */
  root: z.string().optional(),
  folder: z.string().optional(),
  overridden: z.boolean().optional(),
  flag: z.enum([...REVIEW_FLAGS, 'none']).optional(),
  /** By the last store check of the shown result: the photos that fail it, or pass it. */
  store: z.enum(['fails', 'passes']).optional(),
  text: z.string().max(200).optional()
})

export const skippedSchema = z.object({ path: z.string(), reason: z.string() })
const addResult = z.object({ added: z.number(), skipped: z.array(skippedSchema) })

export const catalog = {
  requests: {
    addPaths: { input: z.object({ paths: z.array(z.string().min(1)).min(1).max(1000) }), output: addResult },
    pickAndAdd: { input: none, output: addResult },
    /** Photos by web address the user typed (http and https only): each fetched once, then a photo like any other. */
    addUrls: { input: z.object({ urls: z.array(z.string().trim().url().max(4096)).min(1).max(1000) }), output: addResult },
    /** A Shopify or WooCommerce product CSV (or a list of addresses, one a line) chosen with choosePath('product-csv'). */
    addFromList: { input: z.object({ path: z.string().min(1) }), output: addResult },
    listPhotos: {
      input: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000), query: photoQuerySchema.optional() }),
      output: z.object({ rows: z.array(photoRowSchema), total: z.number() })
    },
    /** Every id the query lists, in its order: select all, invert and shift-ranges over rows not fetched yet. */
    photoIds: { input: z.object({ query: photoQuerySchema.optional() }), output: z.array(rowId) },
    /**
     * Only what the preload read from a drop (webUtils.getPathForFile): the window itself cannot name
     * a path here, it hands the preload the dropped File objects.
     */
    addDropped: { input: z.object({ paths: z.array(z.string().min(1)).min(1).max(1000) }), output: addResult },
    removePhotos: { input: z.object({ ids: idList.min(1) }), output: none },
    /** Puts back the photos of the latest removal this session, with their overrides, marks and results. */
    undoRemove: { input: none, output: z.object({ restored: z.number(), notRestored: z.number() }) },
    setPreset: { input: presetSchema, output: none },
    setOverrides: { input: z.object({ photoId: rowId, values: paramValues }), output: none },
    /**
     * What a selection overrides, per parameter: how many of the photos do, and up to two distinct
     * values (two means "mixed"), however many photos are selected or fetched.
     */
    overridesOf: {
      input: z.object({ photoIds: idList.min(1) }),
      output: z.record(z.string(), z.object({ count: z.number(), values: z.array(z.unknown()) }))
    },
    /** One edit for many photos: `set` parameters take a value, `reset` ones go back to the preset. */
    editOverrides: { input: z.object({ photoIds: idList.min(1), set: paramValues.default({}), reset: z.array(z.string().max(200)).max(1000).default([]) }), output: none }
  },
  events: {
    /** Rows that changed or went away, by id; coalesced to at most about ten a second. */
    photos: z.object({ changed: z.array(photoRowSchema), removed: z.array(rowId) }),
    catalog: catalogSummarySchema,
    preset: presetSchema,
    /** A native menu item the window carries out, as its own button would (it alone knows what is selected). */
    command: z.enum(COMMAND_IDS)
  }
} satisfies Domain

export const catalogStateSchema = z.object({ summary: catalogSummarySchema, firstRows: z.array(photoRowSchema), preset: presetSchema })

export type PhotoQuery = z.input<typeof photoQuerySchema>
export type PhotoRow = z.output<typeof photoRowSchema>
export type CatalogSummary = z.output<typeof catalogSummarySchema>
export type Preset = z.output<typeof presetSchema>
export type Review = z.output<typeof reviewSchema>
