import { z } from 'zod'
import { none, rowId, type Domain } from './common'

/** A hot folder: new photos there are added as their writes finish, and run if the user chose it. */
export const watchedFolderSchema = z.object({
  id: rowId,
  path: z.string(),
  autoRun: z.boolean(),
  /** The named preset new photos run with; null for the batch preset. */
  presetId: rowId.nullable()
})

const watchChoice = { autoRun: z.boolean().default(false), presetId: rowId.nullable().default(null) }

export const watch = {
  requests: {
    /** A folder main was given already (one added to the catalog), or any typed path where the renderer may name paths (the browser harness). */
    watchFolder: { input: z.object({ path: z.string().min(1), ...watchChoice }), output: watchedFolderSchema },
    /** The app's way: the folder comes from the native picker. */
    pickWatchFolder: { input: z.object(watchChoice), output: watchedFolderSchema.nullable() },
    unwatchFolder: { input: z.object({ id: rowId }), output: none }
  },
  events: { watched: z.array(watchedFolderSchema) }
} satisfies Domain

export const watchStateSchema = z.object({ watched: z.array(watchedFolderSchema) })

export type WatchedFolder = z.output<typeof watchedFolderSchema>
