import { z } from 'zod'

const values = z.record(z.string(), z.unknown())

/**
 * The shape of the session.json the app wrote before the catalog (version 1), kept here so the import
 * does not depend on the code that wrote it.
 */
export const sessionSchema = z.object({
  version: z.literal(1),
  preset: z.object({ operationId: z.string().min(1), values }),
  images: z.array(
    z.object({ id: z.string().min(1), name: z.string(), path: z.string(), bytes: z.number(), width: z.number(), height: z.number(), format: z.string(), overrides: values })
  ),
  /** The last job of each image and where its results were written. */
  jobs: z.array(
    z.object({
      imageId: z.string(),
      state: z.string(),
      reason: z.string().optional(),
      attempts: z.number(),
      outputs: z.number().optional(),
      warnings: z.array(z.string()).optional(),
      outputPaths: z.array(z.string()).optional()
    })
  )
})

export type Session = z.output<typeof sessionSchema>
