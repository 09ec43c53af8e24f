import { basename, extname } from 'node:path'
import type { Cost, ParamValues } from '../../shared/operations'
import type { ReviewFlag as Flag, ReviewLabel as Label } from '../../shared/review-marks'
import { formatCsv } from './csv'
import type { ResolvedExportOptions } from './export-options'
import type { ExportFolder } from './export-folder'
import type { StoreCheck } from './store-check'

/** What the export did with one photo: a manifest row. Only what the files are, never when: a re-export writes the same manifest. */
export interface ExportRecord {
  photoId: number
  /** The original photo. */
  source: string
  /** The result file the export was made from. */
  result: string | null
  /** Relative to the export folder, with `/`; null when the photo failed. */
  output: string | null
  provider: string | null
  operation: string | null
  parameters: ParamValues | null
  cost: Cost | null
  variant: string | null
  preset: string | null
  sku: string | null
  /** The product handle of a photo added from a product CSV, and its image position there. */
  handle: string | null
  position: number | null
  flag: Flag | null
  rating: number
  label: Label | null
  width: number | null
  height: number | null
  /** SHA-256 of the exported file, hex. */
  checksum: string | null
  storeCheck: StoreCheck | null
  error: string | null
}

const COLUMNS = [
  'source', 'output', 'result', 'provider', 'operation', 'parameters', 'cost', 'cost_unit', 'variant', 'preset', 'sku',
  'flag', 'rating', 'label', 'width', 'height', 'checksum', 'store_check', 'store_check_reasons', 'error'
] as const

export function manifestCsv(records: readonly ExportRecord[]): string {
  return formatCsv(
    COLUMNS,
    records.map((r) => [
      r.source, r.output, r.result, r.provider, r.operation, r.parameters && JSON.stringify(r.parameters), r.cost?.amount, r.cost?.unit, r.variant, r.preset, r.sku,
      r.flag, r.rating, r.label, r.width, r.height, r.checksum, r.storeCheck && (r.storeCheck.passed ? 'pass' : 'fail'), r.storeCheck?.reasons.join('; '), r.error
    ])
  )
}

export function manifestJson(records: readonly ExportRecord[]): string {
  return `${JSON.stringify({ photos: records }, null, 2)}\n`
}

/** Shopify handles: lower case letters, digits and hyphens. */
export function shopifyHandle(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'product'
}

/**
 * Shopify's product CSV, image columns only: one row per exported photo under its product's handle
 * (the product CSV's handle it came with, else from the SKU, else the original's name), positions
 * counted per handle, the alt text from the name.
 */
export function shopifyCsv(records: readonly ExportRecord[], baseUrl?: string): string {
  const positions = new Map<string, number>()
  const base = baseUrl && (baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
  const rows = records
    .filter((r) => r.output !== null)
    .map((r) => {
      const stem = basename(r.source, extname(r.source))
      const productHandle = shopifyHandle(r.handle ?? r.sku ?? stem)
      const position = r.position ?? (positions.get(productHandle) ?? 0) + 1
      positions.set(productHandle, position)
      const src = base ? new URL(r.output!.split('/').map(encodeURIComponent).join('/'), base).href : r.output!
      return [productHandle, src, position, stem.replace(/[-_]+/g, ' ').trim().slice(0, 512)]
    })
  return formatCsv(['Handle', 'Image Src', 'Image Position', 'Image Alt Text'], rows)
}

/** The manifests' usual names; a name taken by a file Proofsheet did not write moves the pair on to "manifest (2)". */
export const MANIFEST_FILES = { csv: 'manifest.csv', json: 'manifest.json', shopify: 'shopify-products.csv' } as const

/** The first of `name.ext`, `name (2).ext`... whose files are all free. */
function freeName(stem: string, extensions: readonly string[], taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? stem : `${stem} (${i})`
    if (extensions.every((ext) => !taken.has(`${candidate}.${ext}`.toLowerCase()))) return candidate
  }
}

/** Where this export's manifests go, chosen before any photo is named, and how to write them once the photos are done. */
export function manifestFiles(taken: ReadonlySet<string>): {
  displaced: { name: string; exportedAs: string }[]
  write(folder: ExportFolder, o: ResolvedExportOptions, records: ExportRecord[]): Promise<string[]>
} {
  const manifest = freeName('manifest', ['csv', 'json'], taken)
  const shopify = freeName('shopify-products', ['csv'], taken)
  const names = { csv: `${manifest}.csv`, json: `${manifest}.json`, shopify: `${shopify}.csv` }
  const displaced = (['csv', 'json', 'shopify'] as const).filter((k) => taken.has(MANIFEST_FILES[k])).map((k) => ({ name: MANIFEST_FILES[k], exportedAs: names[k] }))
  return {
    displaced,
    async write(folder, o, records) {
      const files: [string, string][] = []
      if (o.manifest) files.push([names.csv, manifestCsv(records)], [names.json, manifestJson(records)])
      if (o.shopify) files.push([names.shopify, shopifyCsv(records, o.shopify.baseUrl)])
      for (const [name, text] of files) await folder.write(name, text)
      return files.map(([name]) => name)
    }
  }
}
