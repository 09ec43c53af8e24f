import { findOperation, type ProviderId } from '../../engine'
import type { RequestOutput } from '../../shared/ipc/contract'
import type { Catalog } from '../catalog/catalog'
import { selectForExport } from '../export'

/**
 * The photos an export would write with a variant nobody chose: several variants and none chosen in
 * review, so the newest ships. Export's own selection says what ships, so the two cannot disagree.
 */
export function unchosenVariants(catalog: Catalog, selection: 'approved' | 'done', limit: number): RequestOutput<'unchosenVariants'> {
  const items = selectForExport(catalog, { kind: selection })
  const counts = catalog.resultCounts(items.map((item) => item.photo.id))
  const unchosen = items.filter(({ photo, review, result }) => result && review.chosenResultId !== result.id && (counts.get(photo.id) ?? 0) > 1)
  // In the photographer's words: the operation's label ("Photoroom background removal").
  const label = (provider: string, operation: string): string => findOperation(provider as ProviderId, operation)?.label ?? `${provider} ${operation}`
  return {
    count: unchosen.length,
    photos: unchosen.slice(0, limit).map(({ photo, result }) => ({
      photoId: photo.id,
      name: photo.name,
      variants: counts.get(photo.id) ?? 0,
      shipped: label(result!.provider, result!.operation)
    }))
  }
}
