import type { z } from 'zod'
import type { EventName, RequestName } from '../channels'
import { catalog, catalogStateSchema } from './catalog'
import { errorSchema, none } from './common'
import { confirm } from './confirm'
import { exportDomain, exportStateSchema } from './export'
import { jobs, jobsStateSchema } from './jobs'
import { keys, keysStateSchema } from './keys'
import { paramFiles } from './param-files'
import { paths } from './paths'
import { presets, presetsStateSchema } from './presets'
import { review } from './review'
import { settings, settingsStateSchema } from './settings'
import { watch, watchStateSchema } from './watch'

/** Everything the window needs to draw its first screen; the rest streams as events or is fetched by range. */
export const appStateSchema = catalogStateSchema.extend({ ...presetsStateSchema.shape, ...watchStateSchema.shape, ...jobsStateSchema.shape, export: exportStateSchema, ...keysStateSchema.shape, ...settingsStateSchema.shape })

/** Every request: what the renderer may send (validated in main) and what it gets back, composed from the domains. */
export const requestSchemas = {
  getState: { input: none, output: appStateSchema },
  ...catalog.requests,
  ...presets.requests,
  ...paramFiles.requests,
  ...watch.requests,
  ...jobs.requests,
  ...review.requests,
  ...exportDomain.requests,
  ...keys.requests,
  ...settings.requests,
  ...paths.requests,
  ...confirm.requests
} satisfies Record<RequestName, { input: z.ZodType; output: z.ZodType }>

/** Every event main streams to the renderer. */
export const eventSchemas = { ...catalog.events, ...presets.events, ...watch.events, ...jobs.events, ...review.events, ...exportDomain.events, ...keys.events, ...settings.events } satisfies Record<EventName, z.ZodType>

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
/** The handlers of some requests: each domain's handlers in main are one of these. */
export type HandlersFor<K extends RequestName, P extends string = string> = Pick<Handlers<P>, K>

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export type AppState = RequestOutput<'getState'>

export { errorSchema }
export { presetSchema } from './catalog'
export { settingsSchema } from './settings'
export type { CatalogSummary, PhotoQuery, PhotoRow, Preset, Review } from './catalog'
export type { NamedPreset } from './presets'
export type { ParamFilePreview } from './param-files'
export type { WatchedFolder } from './watch'
export type { Estimate, QueueState } from './jobs'
export type { ExportProgress } from './export'
export type { KeyStatus } from './keys'
export type { PickPurpose } from './paths'
export type { Settings } from './settings'
export type { Variant } from './review'
export type { PhotoState } from '../photo-state'
