import { factsOfResult, keepCopies, type PhotoFacts } from '../../engine'
import type { ImageFormat } from '../../shared/images/formats'
import type { Job } from '../../shared/jobs'
import type { ProviderOperation } from '../../engine'
import type { ParamValues } from '../../shared/operations'
import type { Catalog } from '../catalog/catalog'
import { formatOf } from '../catalog/results'
import type { PhotoFacts as CatalogFacts, PhotoRow as CatalogPhoto } from '../catalog/photos'

/** What the catalog already knows of a photo's file, so the engine does not read it again. */
export function knownFacts(photo: CatalogPhoto): PhotoFacts | undefined {
  // Photos imported from an old session have no orientation on record: the engine reads those again.
  if (photo.facts !== 'ready' || !photo.format || photo.orientation === null) return undefined
  return {
    format: photo.format as ImageFormat,
    bytes: photo.size,
    mtimeMs: photo.mtimeMs,
    width: photo.width ?? 0,
    height: photo.height ?? 0,
    orientation: photo.orientation ?? 1,
    ...(photo.contentHash ? { contentHash: photo.contentHash } : {})
  }
}

/** What the engine learnt of a file, as the catalog keeps it. */
export function catalogFacts({ format, bytes, mtimeMs, width, height, orientation, contentHash }: PhotoFacts): CatalogFacts {
  return { format, size: bytes, mtimeMs, width, height, orientation, ...(contentHash ? { contentHash } : {}) }
}

/** The response headers worth keeping with a result, named by each provider's own table. */
function factsFrom(metadata: Record<string, string> = {}, warnings: string[] = []): Parameters<Catalog['addResult']>[0]['facts'] {
  const { facts, other } = factsOfResult(metadata)
  return { ...facts, ...(warnings.length ? { unsupportedAttributes: warnings } : {}), other }
}

/**
 * A finished job becomes a result of its photo: every run adds a variant with files of its own. A
 * job that only found a result this photo already has (the same purchase) adds nothing. Returns the
 * new result's id, or null.
 */
export function recordResult(catalog: Catalog, photoId: number, job: Job, run: { operation: ProviderOperation; values: ParamValues; sandbox: boolean }, variantsDir: string): number | null {
  if (!job.key || !job.outputs?.length || !catalog.photo(photoId)) return null
  if (job.state === 'reused' && catalog.results(photoId).some((r) => r.jobKey === job.key)) return null
  // Paid only by the job that sent it: a reuse, or an identical photo sent once for both, cost nothing more.
  const paid = job.state === 'done' && job.sameAs === undefined
  const cost = run.operation.cost(run.values, { sandbox: run.sandbox })
  // The engine made these copies as it delivered: asking again gives their paths (and makes them again
  // if removing a photo took them meanwhile). Without them the variant shows its written file.
  const kept = keepCopies(variantsDir, job.key, job.outputs)
  const result = catalog.addResult({
    photoId,
    jobKey: job.key,
    provider: run.operation.provider,
    operation: run.operation.operation,
    params: run.values,
    cost: { amount: paid ? cost.amount : 0, unit: cost.unit },
    sandbox: run.sandbox,
    facts: factsFrom(job.metadata, job.warnings),
    outputs: job.outputs.map((path, i) => ({ path, ...(kept ? { kept: kept[i] } : {}), format: formatOf(path) }))
  })
  return result.id
}
