import { basename, extname, join, relative, sep } from 'node:path'
import { inside } from '../../engine'
import { ExportOptionsError, type ResolvedExportOptions } from './export-options'
import { renderTemplate, safeFolder, uniqueNames, usesToken, type PlannedName, type TokenValues } from './naming'
import { readOriginalExif, type OriginalExif } from './original-exif'
import { FORMATS } from '../../shared/images/formats'
import type { ExportItem } from './selection'
import { loadSkuLookup, type SkuLookup } from './sku'
import { eachLimited } from './each-limited'
import { imageOf } from '../catalog/results'

/** One selected photo with where it goes, or why it cannot be exported. */
export interface PlannedExport {
  item: ExportItem
  exif: OriginalExif
  sku?: string
  /** Relative to the export folder, with `/`. */
  relative?: string
  path?: string
  /** The name a file Proofsheet did not write already had, which moved this photo on to " (2)". */
  displaced?: string
  problem?: string
}

export const SIDECAR = '.xmp'

const localDay = (ms: number): string => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

function tokenValues(item: ExportItem, exif: OriginalExif, sku: string | undefined): TokenValues {
  const { photo, result } = item
  return {
    name: basename(photo.name, extname(photo.name)),
    folder: photo.folder.split(/[/\\]/).filter(Boolean).at(-1) ?? basename(photo.root),
    date: exif.takenOn ?? localDay(photo.mtimeMs),
    provider: result?.provider ?? '',
    operation: result?.operation ?? '',
    preset: item.preset,
    variant: item.variant,
    sku: sku ?? ''
  }
}

/**
 * Reads what naming needs, before anything is written: each original's EXIF once (for the date and
 * to copy), the SKUs, and why a photo cannot be exported. Bad options (a template using {sku} without
 * a mapping, a SKU file or pattern that cannot be used) throw an ExportOptionsError here.
 */
export async function preparePlans(items: readonly ExportItem[], o: ResolvedExportOptions, signal?: AbortSignal): Promise<PlannedExport[]> {
  const plans = await skuPlans(items, o)
  await readExifOf(plans, o, signal)
  return plans
}

/** Each photo's SKU, and why it cannot be exported (no result, no SKU where the template needs one); no file is read but the SKU mapping. */
export async function skuPlans(items: readonly ExportItem[], o: Pick<ResolvedExportOptions, 'template' | 'sku'>): Promise<PlannedExport[]> {
  const needsSku = usesToken(o.template, 'sku')
  if (needsSku && !o.sku) throw new ExportOptionsError('the naming template uses {sku}: give a SKU mapping (a CSV file or a pattern on the file name)')
  const skuOf: SkuLookup | undefined = o.sku ? await loadSkuLookup(o.sku) : undefined
  return items.map((item) => {
    const plan: PlannedExport = { item, exif: { tags: {} } }
    const sku = skuOf?.(item.photo.name)
    if (sku) plan.sku = sku
    if (!item.output) plan.problem = 'no result to export yet'
    else if (needsSku && !sku) plan.problem = `no SKU for ${item.photo.name}`
    return plan
  })
}

/** Each original's EXIF, read once where it is copied or names the file ({date}); left empty where it is not copied. */
export async function readExifOf(plans: readonly PlannedExport[], o: Pick<ResolvedExportOptions, 'template' | 'exif' | 'gps'>, signal?: AbortSignal): Promise<void> {
  const readExif = o.exif || usesToken(o.template, 'date')
  await eachLimited(
    plans,
    8,
    async (plan) => {
      if (readExif && plan.item.output) plan.exif = await readOriginalExif(plan.item.photo.path, o.gps)
      if (!o.exif) plan.exif = { ...plan.exif, tags: {} }
    },
    signal
  )
}

/** The folders (relative to the export folder, '' for itself) the plans will write into. */
export function plannedFolders(plans: readonly PlannedExport[], o: ResolvedExportOptions): string[] {
  return ['', ...(o.mirrorFolders ? new Set(plans.map((p) => safeFolder(p.item.photo.folder))) : [])]
}

/**
 * Names every file before any is written, so names do not depend on which photo finishes first: the
 * template over each photo, safe and collision-free, inside the export folder, never a name in `taken`
 * (files Proofsheet did not write, originals, results), for the photo or its sidecar.
 */
export function namePlans(plans: readonly PlannedExport[], o: ResolvedExportOptions, outDir: string, taken: ReadonlySet<string>): void {
  const named = plans.filter((p) => !p.problem)
  const names = plannedNames(named, o, taken, named.length)
  named.forEach((plan, i) => {
    const { path: name, displaced } = names[i]!
    const path = join(outDir, name)
    // safeSegment already keeps every name inside; this is the last word on it.
    if (!inside(path, outDir)) throw new Error(`refusing to write outside the export folder: ${path}`)
    plan.relative = name
    plan.path = path
    if (displaced) plan.displaced = displaced
  })
}

/**
 * The names of these plans (none with a problem), in order: the template over each, safe and
 * collision-free, never a name in `taken`; `{n}` padded for `total` photos.
 */
export function plannedNames(named: readonly PlannedExport[], o: Pick<ResolvedExportOptions, 'template' | 'mirrorFolders' | 'format' | 'xmpSidecars'>, taken: ReadonlySet<string>, total: number): PlannedName[] {
  return uniqueNames(
    named.map((p, i) => ({ dir: o.mirrorFolders ? p.item.photo.folder : '', stem: renderTemplate(o.template, tokenValues(p.item, p.exif, p.sku), i + 1, total) })),
    FORMATS[o.format].extension,
    taken,
    o.xmpSidecars ? [SIDECAR] : []
  )
}

/** The originals of these photos and their result files (the written one and the app's copy). */
export function filesOfPhotos(items: readonly ExportItem[]): string[] {
  return items.flatMap((item) => [item.photo.path, ...(item.output ? [item.output.path, imageOf(item.output)] : [])])
}

/** Those of `paths` that lie in the export folder, as names in it (relative, `/`, lower case): names it never gives out. */
export function namesInside(paths: readonly string[], outDir: string): string[] {
  return paths.filter((path) => inside(path, outDir)).map((path) => relative(outDir, path).split(sep).join('/').toLowerCase())
}
