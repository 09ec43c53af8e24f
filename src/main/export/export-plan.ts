import { basename, extname, join, relative, resolve, sep } from 'node:path'
import { inside } from '../../engine'
import { ExportOptionsError, type ResolvedExportOptions } from './export-options'
import { renderTemplate, uniqueNames, usesToken, type TokenValues } from './naming'
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
  problem?: string
}

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
 * Names every file before any is written, so names do not depend on which photo finishes first: the
 * template over each photo (its original's EXIF read once, for the date and to copy), safe and
 * collision-free, inside the export folder.
 */
export async function planExport(items: readonly ExportItem[], o: ResolvedExportOptions, signal?: AbortSignal): Promise<PlannedExport[]> {
  const outDir = resolve(o.outDir)
  const needsSku = usesToken(o.template, 'sku')
  if (needsSku && !o.sku) throw new ExportOptionsError('the naming template uses {sku}: give a SKU mapping (a CSV file or a pattern on the file name)')
  const skuOf: SkuLookup | undefined = o.sku ? await loadSkuLookup(o.sku) : undefined
  const readExif = o.exif || usesToken(o.template, 'date')
  const plans: PlannedExport[] = items.map((item) => ({ item, exif: { tags: {} } }))
  await eachLimited(
    plans,
    8,
    async (plan) => {
      if (readExif && plan.item.output) plan.exif = await readOriginalExif(plan.item.photo.path, o.gps)
      if (!o.exif) plan.exif = { ...plan.exif, tags: {} }
      const sku = skuOf?.(plan.item.photo.name)
      if (sku) plan.sku = sku
      if (!plan.item.output) plan.problem = 'no result to export yet'
      else if (needsSku && !sku) plan.problem = `no SKU for ${plan.item.photo.name}`
    },
    signal
  )
  const named = plans.filter((p) => !p.problem)
  // An export into the folder of the originals or the results must never replace one of them.
  const reserved = items
    .flatMap((item) => [item.photo.path, ...(item.output ? [item.output.path, imageOf(item.output)] : [])])
    .filter((path) => inside(path, outDir))
    .map((path) => relative(outDir, path))
    .map((path) => path.split(sep).join('/'))
  const names = uniqueNames(
    named.map((p, i) => ({ dir: o.mirrorFolders ? p.item.photo.folder : '', stem: renderTemplate(o.template, tokenValues(p.item, p.exif, p.sku), i + 1, named.length) })),
    FORMATS[o.format].extension,
    reserved
  )
  named.forEach((plan, i) => {
    const path = join(outDir, names[i]!)
    // safeSegment already keeps every name inside; this is the last word on it.
    if (!inside(path, outDir)) throw new Error(`refusing to write outside the export folder: ${path}`)
    plan.relative = names[i]!
    plan.path = path
  })
  return plans
}
