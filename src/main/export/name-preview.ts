import { exportNamingSchema, type ExportNaming } from '../../shared/export/options'
import type { RequestOutput } from '../../shared/ipc/contract'
import type { Catalog } from '../catalog/catalog'
import { plannedNames, readExifOf, skuPlans } from './export-plan'
import { ExportOptionsError } from './export-options'
import { selectForExport } from './selection'

export type NamePreview = RequestOutput<'previewExportNames'>

/**
 * The first photos an export would write and the names it would give them, by the export's own
 * naming (the same template, SKUs, numbering and safe names), before the folder is chosen: names a
 * file already in the folder takes are numbered on when the export runs. Only these few originals'
 * EXIF is read (for {date}); the SKU mapping is read whole, since the numbering counts every photo named.
 */
export async function previewNames(catalog: Catalog, naming: ExportNaming, limit = 5): Promise<NamePreview> {
  const o = exportNamingSchema.parse(naming)
  const items = selectForExport(catalog, o.selection)
  let plans
  try {
    plans = await skuPlans(items, o)
  } catch (error) {
    if (error instanceof ExportOptionsError) return { total: items.length, names: [], problem: error.message }
    throw error
  }
  const total = plans.filter((p) => !p.problem).length
  const first = plans.slice(0, limit)
  await readExifOf(first, { template: o.template, exif: false, gps: false })
  const named = first.filter((p) => !p.problem)
  const names = plannedNames(named, o, new Set(), total)
  return {
    total,
    names: first.map((plan) => ({
      photoId: plan.item.photo.id,
      photo: plan.item.photo.name,
      sku: plan.sku ?? null,
      name: plan.problem ? null : (names[named.indexOf(plan)]?.path ?? null),
      ...(plan.problem ? { problem: plan.problem } : {})
    }))
  }
}
