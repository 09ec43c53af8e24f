import type { PhotoRow } from '../../shared/ipc/contract'
import type { ResultRow } from '../catalog/results'
import type { ReviewRow } from '../catalog/review'
import type { StoreCheckRow } from '../catalog/store-checks'
import type { Catalog } from '../catalog/catalog'
import type { PhotoRow as CatalogPhoto } from '../catalog/photos'

function review(row: ReviewRow | undefined): PhotoRow['review'] {
  return row ? { flag: row.flag, rating: row.rating, label: row.label } : { flag: null, rating: 0, label: null }
}

/** A store check counts only for the result and output it was made on. */
function shownWithCheck(shownResult: PhotoRow['shownResult'], check: StoreCheckRow | undefined): Pick<PhotoRow, 'shownResult' | 'storeCheck'> {
  const current = check && shownResult && check.resultId === shownResult.id && check.output === shownResult.output
  return { shownResult, storeCheck: current ? { rule: check.rule, passed: check.passed, reasons: check.reasons } : null }
}

/** The result and output chosen in review, else the newest result's first output: what export writes. */
function shown(catalog: Catalog, review: ReviewRow | undefined, newest: ResultRow | undefined): PhotoRow['shownResult'] {
  const chosen = review?.chosenResultId == null ? undefined : catalog.result(review.chosenResultId)
  const result = chosen ?? newest
  return result ? { id: result.id, outputs: result.outputs.length, output: chosen ? (review?.chosenOutput ?? 0) : 0, chosen: chosen !== undefined } : null
}

/** Catalog rows as the window lists them, with their result counts and review marks, read in one go. */
export function photoRows(catalog: Catalog, photos: CatalogPhoto[]): PhotoRow[] {
  const ids = photos.map((p) => p.id)
  const results = catalog.resultCounts(ids)
  const reviews = catalog.reviews(ids)
  const latest = catalog.latestResults(ids)
  const checks = catalog.storeChecks(ids)
  return photos.map((p) => ({
    id: p.id,
    name: p.name,
    path: p.path,
    root: p.root,
    folder: p.folder,
    bytes: p.size,
    format: p.format,
    width: p.width ?? 0,
    height: p.height ?? 0,
    facts: p.facts,
    ...(p.factsReason ? { reason: p.factsReason } : {}),
    overrides: p.overrides,
    results: results.get(p.id) ?? 0,
    ...shownWithCheck(shown(catalog, reviews.get(p.id), latest.get(p.id)), checks.get(p.id)),
    review: review(reviews.get(p.id))
  }))
}
