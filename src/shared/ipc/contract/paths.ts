import { z } from 'zod'
import type { Domain } from './common'

/** What main's native picker is opened for: it decides folders or a file, and the picker's title. */
export const PICK_PURPOSES = ['output-folder', 'team-results-folder', 'export-folder', 'sku-csv', 'product-csv'] as const
export type PickPurpose = (typeof PICK_PURPOSES)[number]

export const paths = {
  requests: {
    /**
     * Opens main's native picker; the answer (null when cancelled) is a path the window may name from
     * then on, in settings or an export. The window cannot name one of its own choosing.
     */
    choosePath: { input: z.object({ purpose: z.enum(PICK_PURPOSES) }), output: z.string().nullable() }
  },
  events: {}
} satisfies Domain
