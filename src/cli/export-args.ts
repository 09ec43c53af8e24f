import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { EXPORT_FORMATS, MARKETPLACE_IDS, type ExportOptions } from '../main/export'
import { UsageError } from './args'

export interface ExportCliOptions {
  catalog: string
  options: ExportOptions
  json: boolean
  help: boolean
}

/**
 * The app's user-data folder, where it keeps catalog.sqlite: PROOFSHEET_USER_DATA when set (as the
 * app honours it), else the platform's application-data folder.
 */
export function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env['PROOFSHEET_USER_DATA']) return env['PROOFSHEET_USER_DATA']
  const base =
    platform === 'darwin' ? join(home, 'Library', 'Application Support')
    : platform === 'win32' ? (env['APPDATA'] ?? join(home, 'AppData', 'Roaming'))
    : (env['XDG_CONFIG_HOME'] ?? join(home, '.config'))
  // The app keeps its folder's first name, "proofsheet", whatever its product name (src/main/index.ts).
  return join(base, 'proofsheet')
}

function number(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${flag} needs a whole number above 0, not "${raw}"`)
  return value
}

function oneOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${raw}"`)
  return raw as T
}

function resize(raw: string | undefined, fit: string | undefined): ExportOptions['resize'] {
  if (raw === undefined) {
    if (fit !== undefined) throw new UsageError('--fit goes with --resize WIDTHxHEIGHT')
    return undefined
  }
  const match = /^(\d+)x(\d+)$/.exec(raw)
  if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0) throw new UsageError(`--resize needs WIDTHxHEIGHT in pixels, like 2000x2000, not "${raw}"`)
  return { width: Number(match[1]), height: Number(match[2]), fit: oneOf('--fit', fit, ['fit', 'fill', 'pad'] as const) ?? 'fit' }
}

function selection(all: boolean, photos: string[]): ExportOptions['selection'] {
  if (all && photos.length) throw new UsageError('--all-done and --photo choose differently: give one of them')
  if (all) return { kind: 'done' }
  if (!photos.length) return { kind: 'approved' }
  const ids = photos.flatMap((p) => p.split(',')).map((id) => number('--photo', id.trim())!)
  return { kind: 'photos', photoIds: ids }
}

/** Paths are the user's, relative to where they typed the command. Option values are checked again by the export itself. */
export function parseExportCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv): ExportCliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        catalog: { type: 'string' },
        out: { type: 'string' },
        'all-done': { type: 'boolean', default: false },
        photo: { type: 'string', multiple: true, default: [] },
        template: { type: 'string' },
        mirror: { type: 'boolean', default: false },
        'sku-csv': { type: 'string' },
        'sku-pattern': { type: 'string' },
        format: { type: 'string' },
        quality: { type: 'string' },
        background: { type: 'string' },
        resize: { type: 'string' },
        fit: { type: 'string' },
        dpi: { type: 'string' },
        'no-exif': { type: 'boolean', default: false },
        gps: { type: 'boolean', default: false },
        'no-xmp': { type: 'boolean', default: false },
        'no-manifest': { type: 'boolean', default: false },
        shopify: { type: 'boolean', default: false },
        'shopify-base-url': { type: 'string' },
        'store-check': { type: 'string' },
        concurrency: { type: 'string' },
        'into-originals-folder': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/, ''))
  }
  const f = parsed.values
  if (f.help) return { help: true } as ExportCliOptions
  if (!f.out) throw new UsageError('--out is required: the folder the photos are exported to')
  if (f['sku-csv'] && f['sku-pattern']) throw new UsageError('--sku-csv and --sku-pattern both give SKUs: choose one')
  if (f['no-exif'] && f.gps) throw new UsageError('--gps copies part of the EXIF, which --no-exif leaves out')
  const catalog = f.catalog ? resolve(cwd, f.catalog) : join(userDataDir(env), 'catalog.sqlite')
  const baseUrl = f['shopify-base-url']
  const format = oneOf('--format', f.format === 'jpg' ? 'jpeg' : f.format, EXPORT_FORMATS)
  const storeCheck = oneOf('--store-check', f['store-check'], MARKETPLACE_IDS)
  const options: ExportOptions = {
    outDir: resolve(cwd, f.out),
    selection: selection(f['all-done'], f.photo),
    mirrorFolders: f.mirror,
    exif: !f['no-exif'],
    gps: f.gps,
    xmpSidecars: !f['no-xmp'],
    manifest: !f['no-manifest'],
    ...(f.template === undefined ? {} : { template: f.template }),
    ...(f['sku-csv'] ? { sku: { csv: resolve(cwd, f['sku-csv']) } } : f['sku-pattern'] ? { sku: { pattern: f['sku-pattern'] } } : {}),
    ...(format ? { format } : {}),
    ...(f.quality === undefined ? {} : { quality: number('--quality', f.quality)! }),
    ...(f.background === undefined ? {} : { background: f.background }),
    ...(f.resize === undefined && f.fit === undefined ? {} : { resize: resize(f.resize, f.fit) }),
    ...(f.dpi === undefined ? {} : { dpi: number('--dpi', f.dpi)! }),
    ...(f.shopify || baseUrl ? { shopify: baseUrl ? { baseUrl } : {} } : {}),
    ...(storeCheck ? { storeCheck } : {}),
    ...(f.concurrency === undefined ? {} : { concurrency: number('--concurrency', f.concurrency)! }),
    intoOriginalsFolder: f['into-originals-folder']
  }
  return { catalog, options, json: f.json, help: false }
}
