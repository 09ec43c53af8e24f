import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { findOperation, isProviderId, paramFileProblems, providerById, PROVIDERS, resolveParamPaths, webAddress, type ProviderOperation, type UrlEntry } from '../engine'
import { addressesIn, productNames } from '../main/photos/url-list'
import type { ParamValues } from '../shared/operations'
import { findDescriptor, problemText, unknownParamMessage } from '../shared/operations/common'
import { nestDotted, setParam } from '../shared/operations/set-param'
import { readPresetFile } from './preset'

export class UsageError extends Error {}

export interface CliOptions {
  operation: ProviderOperation
  values: ParamValues
  inputs: string[]
  /** Photos by address: typed on the line, or listed in `--urls` files (plain lists or product CSVs). */
  urls: UrlEntry[]
  outDir: string | undefined
  concurrency: number | undefined
  rate: number | undefined
  json: boolean
  dryRun: boolean
  /** Off with --no-fit: oversize photos are skipped with the reason instead of downscaled. */
  fit: boolean
  /** Keep watching the input folders and run new photos until Ctrl+C. */
  watch: boolean
  /** --buy-again: pay once more for photos whose kept result was pruned and whose output file is gone or changed. */
  buyAgain: boolean
  /** The team queue the photos are enqueued in (--queue redis://…), instead of running them here alone. */
  team: TeamOptions | undefined
  help: boolean
}

/** `--queue` and what goes with it. */
export interface TeamOptions {
  url: string
  /** --work: this command works on the queue too, beside the team's workers. */
  work: boolean
  /** --budget-cap N: the team's cap (spent + reserved never above it); `none` lifts it. */
  budgetCap: number | null | undefined
  /** --results-dir: the shared folder where paid results are kept (for --work). */
  resultsDir: string | undefined
}

function positiveNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} needs a positive number, not "${raw}"`)
  return value
}

/**
 * `--param a.b=c` values, typed by each parameter's schema; `--params file.json` first, `--param` over
 * it. Image files are paths: relative to the command's folder on the line, to the JSON file's folder in a file.
 */
function readParams(operation: ProviderOperation, files: string[], pairs: string[], cwd: string, preset: ParamValues = {}): ParamValues {
  let values: ParamValues = { ...preset }
  for (const file of files) {
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new UsageError(`--params ${file}: ${(error as { code?: string }).code === 'ENOENT' ? 'no such file' : 'not valid JSON'}`)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`--params ${file}: expected a JSON object of parameter names to values`)
    Object.assign(values, resolveParamPaths(operation, nestDotted(operation, parsed as ParamValues), dirname(file)))
  }
  let given: ParamValues = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new UsageError(`--param needs name=value, like background.color=FFFFFF (got "${pair}")`)
    const name = pair.slice(0, at)
    if (!findDescriptor(operation.params, name)) throw new UsageError(unknownParamMessage(name, operation.params, operation.label))
    given = setParam(operation, given, name, pair.slice(at + 1))
  }
  values = { ...values, ...resolveParamPaths(operation, given, cwd) }
  const missing = paramFileProblems(operation, values)
  if (missing.length) throw new UsageError(missing.map(problemText).join('\n'))
  return values
}

/**
 * `--urls` files: one address a line, or a Shopify/WooCommerce product CSV whose photos take their
 * product's handle as their name. A list comes from elsewhere (a shop's export), so its addresses may
 * not lead to this machine or the local network; typed addresses may. PROOFSHEET_URLS_ALLOW_LOOPBACK=1
 * lets lists name this machine (tests serve photos there).
 */
function urlEntries(typed: string[], files: string[], env: NodeJS.ProcessEnv): UrlEntry[] {
  const rule = env['PROOFSHEET_URLS_ALLOW_LOOPBACK'] === '1' ? 'loopback' : 'public'
  const listed = files.flatMap((file) => {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      throw new UsageError(`--urls ${file}: ${(error as { code?: string }).code === 'ENOENT' ? 'no such file' : 'could not be read'}`)
    }
    const addresses = addressesIn(text)
    if (!addresses.length) throw new UsageError(`--urls ${file}: no photo addresses in it (one a line, or a product CSV with Image Src or Images)`)
    const names = productNames(addresses)
    return addresses.map(({ href }, i) => ({ href, rule, ...(names[i] ? { name: names[i].name } : {}) }) as UrlEntry)
  })
  return [...typed.map((href): UrlEntry => ({ href, rule: 'any' })), ...listed]
}

function presetFrom(path: string): ReturnType<typeof readPresetFile> {
  try {
    return readPresetFile(path)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** Paths are the user's, relative to where they typed the command. */
export function parseCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        provider: { type: 'string' },
        operation: { type: 'string' },
        param: { type: 'string', multiple: true, default: [] },
        params: { type: 'string', multiple: true, default: [] },
        urls: { type: 'string', multiple: true, default: [] },
        preset: { type: 'string' },
        out: { type: 'string' },
        concurrency: { type: 'string' },
        rate: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'no-fit': { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        'buy-again': { type: 'boolean', default: false },
        ...TEAM_FLAGS,
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/, ''))
  }
  const { values: flags, positionals } = parsed
  if (flags.help) return { help: true } as CliOptions
  const preset = flags.preset === undefined ? undefined : presetFrom(resolve(cwd, flags.preset))
  const provider = flags.provider ?? preset?.operation.provider ?? ''
  if (!isProviderId(provider)) throw new UsageError(`--provider must be one of ${PROVIDERS.map((p) => p.id).join(', ')}`)
  const definition = providerById(provider)
  const operationName = flags.operation ?? preset?.operation.operation ?? definition.defaultOperation
  if (!operationName) throw new UsageError(`--operation is required for ${provider}: ${definition.operations.map((o) => o.operation).join(' or ')}`)
  const operation = findOperation(provider, operationName)
  if (!operation) throw new UsageError(`${provider} has no "${operationName}" operation`)
  if (preset && preset.operation.id !== operation.id) throw new UsageError(`--preset is for ${preset.operation.id}, not ${operation.id}`)
  if (!positionals.length && !flags.urls.length) throw new UsageError('name at least one photo, folder or web address to process')
  const typedUrls = positionals.filter((p) => webAddress(p))
  const otherScheme = positionals.find((p) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p) && !webAddress(p))
  if (otherScheme) throw new UsageError(`${otherScheme}: only http:// and https:// addresses are fetched`)
  const dryRun = flags['dry-run']
  const team = teamOptions(flags, cwd)
  if (team && dryRun) throw new UsageError('--dry-run checks and prices the photos here, sending nothing: leave out --queue')
  if (team && flags.watch) throw new UsageError('--watch goes without --queue: enqueue again when new photos arrive')
  if (!flags.out && !dryRun) throw new UsageError('--out is required: the folder where results are written')
  return {
    operation,
    values: readParams(operation, flags.params.map((f) => resolve(cwd, f)), flags.param, cwd, preset?.values),
    inputs: positionals.filter((p) => !webAddress(p)).map((p) => resolve(cwd, p)),
    urls: urlEntries(typedUrls, flags.urls.map((f) => resolve(cwd, f)), env),
    outDir: flags.out === undefined ? undefined : resolve(cwd, flags.out),
    concurrency: positiveNumber('--concurrency', flags.concurrency),
    rate: positiveNumber('--rate', flags.rate),
    json: flags.json,
    dryRun,
    fit: !flags['no-fit'],
    watch: flags.watch,
    buyAgain: flags['buy-again'],
    team,
    help: false
  }
}

/** Whether these arguments ask for `batch --queue … status`. */
export function asksForStatus(argv: string[]): boolean {
  return argv.includes('status') && argv.some((a) => a === '--queue' || a.startsWith('--queue=')) && !argv.includes('--out')
}

/** The team-queue flags, shared by `batch` and `batch status`. */
export const TEAM_FLAGS = {
  queue: { type: 'string' },
  work: { type: 'boolean', default: false },
  'budget-cap': { type: 'string' },
  'results-dir': { type: 'string' }
} as const

export function teamOptions(flags: { queue?: string | undefined; work?: boolean | undefined; 'budget-cap'?: string | undefined; 'results-dir'?: string | undefined }, cwd: string): TeamOptions | undefined {
  if (flags.queue === undefined) {
    const stray = flags.work ? '--work' : flags['budget-cap'] !== undefined ? '--budget-cap' : flags['results-dir'] !== undefined ? '--results-dir' : undefined
    if (stray) throw new UsageError(`${stray} goes with --queue redis://HOST:PORT`)
    return undefined
  }
  const cap = flags['budget-cap']
  const budgetCap = cap === undefined ? undefined : cap === 'none' ? null : Number(cap)
  if (typeof budgetCap === 'number' && (!Number.isFinite(budgetCap) || budgetCap < 0)) throw new UsageError(`--budget-cap needs a number of credits (0 or more), or none, not "${cap}"`)
  return { url: flags.queue, work: flags.work ?? false, budgetCap, resultsDir: flags['results-dir'] === undefined ? undefined : resolve(cwd, flags['results-dir']) }
}
