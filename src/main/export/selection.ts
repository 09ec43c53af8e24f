import type { Catalog } from '../catalog/catalog'
import type { PhotoRow } from '../catalog/photos'
import { canonicalJson, type ResultOutput, type ResultRow } from '../catalog/results'
import type { ReviewRow } from '../catalog/review'
import { ExportOptionsError, type ExportSelection } from './export-options'

/** One photo to export: its review, and the variant and output chosen for it (absent when it has no result). */
export interface ExportItem {
  photo: PhotoRow
  review: ReviewRow
  result?: ResultRow
  output?: ResultOutput
  /** 1 for the photo's first run; "2-3" is the third output of its second. */
  variant: string
  /** The saved preset whose operation and values the variant ran with, else "custom". */
  preset: string
  /** The product a photo by web address showed in its product CSV, and its place among the product's images. */
  product?: { handle: string; position?: number }
}

/** Photo ids in the catalog's folder order for 'approved' and 'done' (rejects left out); in the given order for 'photos'. */
function selectedIds(catalog: Catalog, selection: ExportSelection): number[] {
  if (selection.kind === 'photos') {
    const missing = selection.photoIds.filter((id) => !catalog.photo(id))
    if (missing.length) throw new ExportOptionsError(`no photo ${missing.join(', ')} in the catalog`)
    return [...new Set(selection.photoIds)]
  }
  const all = catalog.photoIds()
  const reviews = catalog.reviews(all)
  if (selection.kind === 'done') {
    // Every photo with a result but those marked as rejects: a reject is not wanted anywhere.
    const counts = catalog.resultCounts(all)
    return all.filter((id) => (counts.get(id) ?? 0) > 0 && reviews.get(id)?.flag !== 'reject')
  }
  return all.filter((id) => reviews.get(id)?.flag === 'pick')
}

/**
 * What each selected photo exports: the chosen variant and output from its review, or else its newest
 * result's first output.
 */
export function selectForExport(catalog: Catalog, selection: ExportSelection): ExportItem[] {
  const ids = selectedIds(catalog, selection)
  const reviews = catalog.reviews(ids)
  const handles = catalog.photoSources(ids)
  const presets = new Map(catalog.presets().map((p) => [`${p.operationId}|${canonicalJson(p.values)}`, p.name]))
  return ids.map((id) => {
    const photo = catalog.photo(id)!
    const review = reviews.get(id)!
    const { handle, position } = handles.get(id) ?? {}
    const product = handle ? { product: { handle, ...(position ? { position } : {}) } } : {}
    const results = catalog.results(id)
    const chosen = review.chosenResultId === null ? undefined : results.find((r) => r.id === review.chosenResultId)
    const result = chosen ?? results[0]
    if (!result) return { photo, review, variant: '', preset: '', ...product }
    const index = chosen ? (review.chosenOutput ?? 0) : 0
    const number = results.length - results.indexOf(result)
    return {
      photo,
      review,
      result,
      output: result.outputs[index],
      variant: result.outputs.length > 1 ? `${number}-${index + 1}` : String(number),
      preset: presets.get(`${result.provider}.${result.operation}|${canonicalJson(result.params)}`) ?? 'custom',
      ...product
    }
  })
}
