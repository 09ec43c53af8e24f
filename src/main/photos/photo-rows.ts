import type { PhotoRow } from '../../shared/ipc/contract'
import type { Catalog, CatalogPhoto } from '../catalog/catalog'

const UNREVIEWED = { flag: null, rating: 0, label: null }

/** Catalog rows as the window lists them, with their result counts and review marks, read in one go. */
export function photoRows(catalog: Catalog, photos: CatalogPhoto[]): PhotoRow[] {
  const ids = photos.map((p) => p.id)
  const results = catalog.resultCounts(ids)
  const reviews = catalog.reviews(ids)
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
    facts: p.factsState,
    ...(p.factsReason ? { reason: p.factsReason } : {}),
    overrides: p.overrides,
    results: results.get(p.id) ?? 0,
    review: reviews.get(p.id) ?? UNREVIEWED
  }))
}
