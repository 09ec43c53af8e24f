import type { InputLimits } from '../images/input-limits'
import type { ImageFormat } from '../images/formats'
import type { ParamDescriptor } from '../params/describe'
import type { OperationPresentation } from '../params/presentation'
import type { Pricing } from './pricing'
import type { ParamRule } from './rules'

/** Which providers exist is the engine's registry's to say; here a provider is any id. */
export type OperationName = string
export type OperationId<P extends string = string> = `${P}.${OperationName}`

/** Parameter values keyed by the API's dotted names, already typed (numbers are numbers). */
export type ParamValues = Record<string, unknown>

export interface Cost {
  amount: number
  /** Photoroom's v2 bills "images"; everything else bills credits. */
  unit: 'credits' | 'images'
}

/** What is wrong, and with which parameter, so a form can show it next to the field. */
export interface ParamProblem {
  /** The API's (dotted) parameter or header name; `key` for the API key. */
  param: string
  message: string
  /** Not wrong, only missing: a form may keep it empty, a run may not (Phota's prompt). */
  needed?: true
}

export interface Validation {
  /** Blocking: the request would be refused. */
  errors: ParamProblem[]
  /** Worth telling: the request works but a parameter will be ignored. */
  warnings: ParamProblem[]
}

export interface InputImage {
  format: ImageFormat
  bytes: number
  /** Upright size; 0 when it cannot be read (HEIC here). */
  width: number
  height: number
}

/** What makes two requests the same purchase, in the provider's own terms; the purchase key reads it. */
export interface PurchaseTerms {
  /** Values documented as meaning the same, per parameter (`export.format`: `jpg` is `jpeg`). */
  synonyms?: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  /** Options that change how the answer is delivered, not what is bought (Phota's `response_mode`). */
  deliveryOnly?: readonly string[]
  /** Defaults documented in prose only (model headers carry no schema default). */
  defaults?: Readonly<Record<string, unknown>>
}

export interface OperationSchema<P extends string = string> {
  id: OperationId<P>
  provider: P
  operation: OperationName
  label: string
  /** In the presentation's order, each with its label, help and section. */
  params: readonly ParamDescriptor[]
  /** Labels, help, sections and order for the window, as data beside the provider's schema. */
  presentation: OperationPresentation
  /** What counts as the same purchase. */
  purchase: PurchaseTerms
  /**
   * Image links the request cannot carry (Photoroom takes `background.imageUrl` only in its GET, which
   * needs the photo by link too): each is downloaded once and sent as the file of the same name
   * (`…imageUrl` → `…imageFile`). `{key}` names match any key.
   */
  downloadedLinks?: readonly string[]
  /** Rules between parameters, as data: the validator and a form evaluate the same list. */
  rules: readonly ParamRule[]
  /** What one image costs and which parameters change it, as data. */
  pricing: Pricing
  /** Reads a command-line or form value ("0.1", "true", "FFFFFF") as the parameter's type. */
  parseValue(name: string, raw: string): unknown
  validate(values: ParamValues): Validation
  cost(values: ParamValues, options?: { sandbox?: boolean }): Cost
  /** Why this key cannot be used with this operation, known before sending (Photoroom sandbox keys); null when it can. */
  keyProblem(key: string): ParamProblem | null
  /** Formats, bytes and sides the provider takes: photos over them are fitted before sending. */
  inputLimits: InputLimits
  /** Reasons the provider would refuse this image with these parameters; empty when it would take it. */
  inputProblems(image: InputImage, values: ParamValues): string[]
  /** How long one request may take, in ms: AI features take seconds, Phota may take minutes. */
  timeoutMs(values: ParamValues): number
  /** The extension results will most likely have, and how many results one input gives. */
  expectedOutputs(values: ParamValues): { extension: string; count: number }
}
