import { z } from 'zod'
import { REQUESTS, type RequestName } from '../../shared/ipc/channels'
import { requestSchemas, type Envelope, type Handlers, type IpcError } from '../../shared/ipc/contract'
import { isJobError, type JobErrorKind, PROVIDERS, type ProviderId } from '../../engine'
import { AppError } from '../app/app-error'
import { KeychainUnavailableError } from '../keychain/keychain'

const KIND_CODES: Record<JobErrorKind, IpcError['code']> = {
  retryable: 'unreachable',
  credits: 'credits',
  auth: 'auth',
  'invalid-request': 'invalid-input',
  'unsupported-input': 'invalid-input',
  'charged-without-result': 'internal',
  'bought-before': 'invalid-input',
  'not-saved': 'internal',
  cancelled: 'busy'
}

const providerIds = z.enum(PROVIDERS.map((p) => p.id))

/** The contract takes any provider id (shared code cannot know the registry); here only known ones pass. */
function withKnownProvider(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject && 'provider' in schema.shape ? schema.extend({ provider: providerIds }) : schema
}

const inputSchemas = Object.fromEntries(REQUESTS.map((name) => [name, withKnownProvider(requestSchemas[name].input)])) as Record<RequestName, z.ZodType>

function isRequestName(name: string): name is RequestName {
  return (REQUESTS as readonly string[]).includes(name)
}

/**
 * The one way a request reaches main, whatever carries it (Electron IPC or the test transport):
 * unknown channels and malformed input are refused before any handler runs.
 */
export async function dispatch(handlers: Handlers<ProviderId>, channel: string, input: unknown, log: LogError = console.error): Promise<Envelope<unknown>> {
  if (!isRequestName(channel)) return { ok: false, error: { code: 'invalid-input', message: `Unknown request "${channel}".` } }
  const parsed = inputSchemas[channel].safeParse(input)
  if (!parsed.success) return { ok: false, error: { code: 'invalid-input', message: z.prettifyError(parsed.error) } }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>
    return { ok: true, value: await handler.call(handlers, parsed.data) }
  } catch (error) {
    return { ok: false, error: toIpcError(error, log) }
  }
}

/** Records an unexpected error; returns where it was written (the app's log file) when there is such a place. */
export type LogError = (error: unknown) => string | void

/** Errors cross as `{code, message}`: never a stack, never a key. */
export function toIpcError(error: unknown, log: LogError): IpcError {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.problems ? { problems: error.problems } : {}) }
  if (error instanceof KeychainUnavailableError) return { code: error.code, message: error.message }
  if (isJobError(error)) return { code: KIND_CODES[error.kind], message: error.message }
  if (error instanceof z.ZodError) return { code: 'invalid-input', message: z.prettifyError(error) }
  const where = log(error)
  return { code: 'internal', message: `Something went wrong inside Proofsheet; nothing was lost. Details are in ${where ? `the log file ${where}` : 'the log'}.` }
}
