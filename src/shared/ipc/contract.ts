import { z } from 'zod'
import type { EventName, RequestName } from './channels'

/** Which providers exist is the engine registry's to say: main narrows this to its ids before any handler runs. */
const provider = z.string().min(1).max(64)
const imageId = z.string().min(1).max(64)
const paramValues = z.record(z.string(), z.unknown())

export const presetSchema = z.object({ operationId: z.string().min(1), values: paramValues })

export const imageEntrySchema = z.object({
  id: imageId,
  name: z.string(),
  /** Shown to the user (it is their own file); never used by the renderer to load anything. */
  path: z.string(),
  bytes: z.number(),
  width: z.number(),
  height: z.number(),
  format: z.string(),
  overrides: paramValues
})

export const skippedSchema = z.object({ path: z.string(), reason: z.string() })

export const libraryStateSchema = z.object({ images: z.array(imageEntrySchema), preset: presetSchema })

export const keyStatusSchema = z.object({
  provider,
  state: z.enum(['not-set', 'set', 'invalid']),
  last4: z.string().max(4).optional(),
  sandbox: z.boolean(),
  message: z.string().optional()
})

export const balanceSchema = z.discriminatedUnion('source', [
  z.object({ provider, unit: z.enum(['credits', 'images']), source: z.literal('provider'), available: z.number() }),
  z.object({ provider, unit: z.literal('credits'), source: z.literal('spent-locally'), spent: z.number() })
])

export const jobStateSchema = z.enum(['queued', 'ready', 'sending', 'retrying', 'waiting', 'done', 'reused', 'skipped', 'failed', 'blocked', 'cancelled', 'estimated'])

export const jobUpdateSchema = z.object({
  imageId,
  state: jobStateSchema,
  reason: z.string().optional(),
  attempts: z.number(),
  outputs: z.number().optional(),
  warnings: z.array(z.string()).optional()
})

export const queueStateSchema = z.object({
  state: z.enum(['idle', 'running', 'paused']),
  /** Why it is paused, or how the last run ended, in the user's words. */
  reason: z.string().optional(),
  total: z.number(),
  finished: z.number(),
  counts: z.record(z.string(), z.number())
})

export const settingsSchema = z.object({
  outputFolder: z.string().nullable(),
  /** `{name}` is the photo's own name; results keep the input's folder structure. */
  naming: z
    .string()
    .min(1)
    .max(120)
    .refine((n) => n.includes('{name}'), 'The name pattern must contain {name}.')
    .refine((n) => !/[/\\:*?"<>|]/.test(n), 'The name pattern cannot contain / \\ : * ? " < > or |.'),
  /** Per provider; a missing one takes the registry's default, an unknown one (a newer version's) is kept. */
  concurrency: z.record(z.string(), z.number().int().min(1).max(32)),
  defaultPreset: presetSchema,
  window: z.object({ width: z.number(), height: z.number(), x: z.number().optional(), y: z.number().optional(), maximized: z.boolean() })
})

const addResult = z.object({ added: z.number(), skipped: z.array(skippedSchema) })
const none = z.void()

export const errorSchema = z.object({
  code: z.enum(['invalid-input', 'auth', 'credits', 'unreachable', 'keychain-unavailable', 'not-found', 'busy', 'internal']),
  message: z.string()
})

/** Every request: what the renderer may send (validated in main) and what it gets back. */
export const requestSchemas = {
  getState: {
    input: none,
    output: z.object({
      library: libraryStateSchema,
      /** Each image's last job, so a reopened session shows what was already done. */
      jobs: z.array(jobUpdateSchema),
      keys: z.array(keyStatusSchema),
      balances: z.array(balanceSchema),
      queue: queueStateSchema,
      settings: settingsSchema,
      operations: z.array(z.object({ id: z.string(), label: z.string() })),
      providers: z.array(z.object({ id: z.string(), name: z.string() })),
      /** The browser harness cannot open a folder picker, so paths are typed. */
      typedPaths: z.boolean()
    })
  },
  addPaths: { input: z.object({ paths: z.array(z.string().min(1)).min(1).max(1000) }), output: addResult },
  pickAndAdd: { input: none, output: addResult },
  removeImages: { input: z.object({ ids: z.array(imageId).min(1) }), output: none },
  setPreset: { input: presetSchema, output: none },
  setOverrides: { input: z.object({ imageId, values: paramValues }), output: none },
  setKey: { input: z.object({ provider, key: z.string().trim().min(8).max(512) }), output: keyStatusSchema },
  testKey: { input: z.object({ provider }), output: keyStatusSchema },
  deleteKey: { input: z.object({ provider }), output: keyStatusSchema },
  updateSettings: { input: settingsSchema.omit({ window: true }).partial(), output: settingsSchema },
  startBatch: { input: z.object({ imageIds: z.array(imageId).optional() }), output: z.object({ jobs: z.number() }) },
  pauseBatch: { input: none, output: none },
  resumeBatch: { input: none, output: none },
  cancelBatch: { input: none, output: none },
  showInFolder: { input: z.object({ imageId, index: z.number().int().min(0).default(0) }), output: none }
} satisfies Record<RequestName, { input: z.ZodType; output: z.ZodType }>

/** Every event main streams to the renderer. */
export const eventSchemas = {
  library: libraryStateSchema,
  /** Coalesced: at most about ten a second, however many images run. */
  jobs: z.array(jobUpdateSchema),
  result: z.object({ imageId, outputs: z.number() }),
  balance: balanceSchema,
  queue: queueStateSchema,
  keys: keyStatusSchema,
  settings: settingsSchema,
  notice: z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() })
} satisfies Record<EventName, z.ZodType>

export type RequestInput<K extends RequestName> = z.input<(typeof requestSchemas)[K]['input']>
export type ParsedInput<K extends RequestName> = z.output<(typeof requestSchemas)[K]['input']>
export type RequestOutput<K extends RequestName> = z.output<(typeof requestSchemas)[K]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>
export type IpcError = z.output<typeof errorSchema>
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError }

/** A request's input with `provider` narrowed to the ids main knows. */
type WithProvider<T, P extends string> = T extends { provider: string } ? Omit<T, 'provider'> & { provider: P } : T

export type HandlerInput<K extends RequestName, P extends string = string> = WithProvider<ParsedInput<K>, P>

/** Main must implement every request: a missing handler is a compile error. */
export type Handlers<P extends string = string> = { [K in RequestName]: (input: HandlerInput<K, P>) => Promise<RequestOutput<K>> }

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export type ImageEntry = z.output<typeof imageEntrySchema>
export type LibraryState = z.output<typeof libraryStateSchema>
export type KeyStatus = z.output<typeof keyStatusSchema>
export type QueueState = z.output<typeof queueStateSchema>
export type Settings = z.output<typeof settingsSchema>
export type JobUpdate = z.output<typeof jobUpdateSchema>
export type Preset = z.output<typeof presetSchema>
export type AppState = RequestOutput<'getState'>
