import type { ImageFormat } from '../images/sniff-format'
import type { ParamDescriptor } from '../params/describe'

export const PROVIDER_IDS = ['photoroom', 'pixelcut', 'phota'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]
export type OperationName = 'remove-background' | 'edit'
export type OperationId = `${ProviderId}.${OperationName}`

export const PROVIDER_NAMES: Record<ProviderId, string> = { photoroom: 'Photoroom', pixelcut: 'Pixelcut', phota: 'Phota' }

/** Parameter values keyed by the API's dotted names, already typed (numbers are numbers). */
export type ParamValues = Record<string, unknown>

export interface Cost {
  amount: number
  /** Photoroom's v2 bills "images"; everything else bills credits. */
  unit: 'credits' | 'images'
}

export interface Validation {
  /** Blocking: the request would be refused. */
  errors: string[]
  /** Worth telling: the request works but a parameter will be ignored. */
  warnings: string[]
}

export interface InputImage {
  format: ImageFormat
  bytes: number
  /** Upright size; 0 when it cannot be read (HEIC here). */
  width: number
  height: number
}

export interface OperationSchema {
  id: OperationId
  provider: ProviderId
  operation: OperationName
  label: string
  params: readonly ParamDescriptor[]
  /** Reads a command-line or form value ("0.1", "true", "FFFFFF") as the parameter's type. */
  parseValue(name: string, raw: string): unknown
  validate(values: ParamValues): Validation
  cost(values: ParamValues, options?: { sandbox?: boolean }): Cost
  /** Why this key cannot be used with this operation, known before sending (Photoroom sandbox keys); null when it can. */
  keyProblem(key: string): string | null
  /** Reasons the provider would refuse this image with these parameters; empty when it would take it. */
  inputProblems(image: InputImage, values: ParamValues): string[]
  /** How long one request may take, in ms: AI features take seconds, Phota may take minutes. */
  timeoutMs(values: ParamValues): number
  /** The extension results will most likely have, and how many results one input gives. */
  expectedOutputs(values: ParamValues): { extension: string; count: number }
}
