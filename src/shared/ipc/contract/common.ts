import { z } from 'zod'
/** Which providers exist is the engine registry's to say: main narrows this to its ids before any handler runs. */
export const provider = z.string().min(1).max(64)
/** Photos, results and presets are rows in the catalog: addressed by their integer id. */
export const rowId = z.number().int().positive()
/** A file or folder main is asked about: absolute, no NUL, of a length file systems allow. */
export const absolutePath = z
  .string()
  .min(1)
  .max(4096, 'at most 4,096 characters')
  .refine((path) => !path.includes('\0'), 'a path cannot hold a NUL character')
  .refine((path) => /^([/\\]|[A-Za-z]:[/\\])/.test(path), 'a full path, from the root of a disk')
/** The most photos one request names: main works through them in chunks, but checking the list itself is one stretch of its time. */
export const MAX_IDS = 100_000
/** Photo ids the window sends (a selection, select all): bounded, so no request can hold main for long. */
export const idList = z.array(rowId).max(MAX_IDS, `at most ${MAX_IDS.toLocaleString('en-US')} photos at once`)
export const paramValues = z.record(z.string(), z.unknown())
export const none = z.void()

/** A refusal names the parameter it is about, so a form can mark that field. */
export const problemSchema = z.object({ param: z.string(), message: z.string() })

export const errorSchema = z.object({
  code: z.enum(['invalid-input', 'auth', 'credits', 'unreachable', 'keychain-unavailable', 'not-found', 'busy', 'internal']),
  message: z.string(),
  problems: z.array(problemSchema).optional()
})

export const noticeSchema = z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() })

export type Domain = {
  requests: Record<string, { input: z.ZodType; output: z.ZodType }>
  events: Record<string, z.ZodType>
}
