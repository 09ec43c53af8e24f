import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import PQueue from 'p-queue'
import type { Catalog } from '../catalog/catalog'
import { resolveExportOptions, type ExportOptions, type ResolvedExportOptions } from './export-options'
import { eachLimited } from './each-limited'
import { planExport, type PlannedExport } from './export-plan'
import { manifestCsv, manifestJson, shopifyCsv, type ExportRecord } from './manifest'
import { renderExport } from './render'
import { selectForExport } from './selection'
import { checkForStore } from './store-check'
import { writeIfChanged } from './write-if-changed'
import { xmpSidecar } from './xmp-sidecar'
import { imageOf } from '../catalog/results'

export type ExportState = 'written' | 'unchanged' | 'failed'

export type ExportEvent =
  | { type: 'planned'; total: number }
  | { type: 'photo'; photoId: number; source: string; state: ExportState; output: string | null; reason?: string; done: number; total: number }

export interface ExportSummary {
  outDir: string
  total: number
  written: number
  unchanged: number
  failed: number
  /** Photos whose output failed the store check (0 without one). */
  storeFailures: number
  /** True when the signal aborted: files already written stay, nothing is half-written, no manifest. */
  cancelled: boolean
  records: ExportRecord[]
  /** The manifest files written (or found identical), absolute. */
  manifests: string[]
}

export interface ExportRun {
  signal?: AbortSignal
  onEvent?: (event: ExportEvent) => void
}

export const MANIFEST_FILES = { csv: 'manifest.csv', json: 'manifest.json', shopify: 'shopify-products.csv' } as const

function baseRecord({ item, sku }: PlannedExport): ExportRecord {
  const { photo, review, result, output } = item
  return {
    photoId: photo.id,
    source: photo.path,
    result: output?.path ?? null,
    output: null,
    provider: result?.provider ?? null,
    operation: result?.operation ?? null,
    parameters: result?.params ?? null,
    cost: result?.cost ?? null,
    variant: result ? item.variant : null,
    preset: result ? item.preset : null,
    sku: sku ?? null,
    flag: review.flag,
    rating: review.rating,
    label: review.label,
    width: null,
    height: null,
    checksum: null,
    storeCheck: null,
    error: null
  }
}

/**
 * One photo: render (in one of the renderer's slots), write if different, its sidecar, the store
 * check. Null when cancelled before writing.
 */
async function exportOne(plan: PlannedExport, o: ResolvedExportOptions, renders: PQueue, signal?: AbortSignal): Promise<{ record: ExportRecord; state: ExportState } | null> {
  const record = baseRecord(plan)
  if (plan.problem) return { record: { ...record, error: plan.problem }, state: 'failed' }
  try {
    const { data, info } = await renders.add(() => renderExport(imageOf(plan.item.output!), { ...o, exif: plan.exif.tags }))
    // A photo rendered after cancel is dropped here rather than written.
    if (signal?.aborted) return null
    const [state] = await Promise.all([writeIfChanged(plan.path!, data), o.xmpSidecars && writeIfChanged(`${plan.path!}.xmp`, xmpSidecar(plan.item.review))])
    const storeCheck = o.storeCheck ? await checkForStore(data, o.storeCheck) : null
    const checksum = createHash('sha256').update(data).digest('hex')
    return { record: { ...record, output: plan.relative!, width: info.width, height: info.height, checksum, storeCheck }, state }
  } catch (error) {
    return { record: { ...record, error: (error as Error).message }, state: 'failed' }
  }
}

async function writeManifests(outDir: string, o: ResolvedExportOptions, records: ExportRecord[]): Promise<string[]> {
  const files: [string, string][] = []
  if (o.manifest) files.push([MANIFEST_FILES.csv, manifestCsv(records)], [MANIFEST_FILES.json, manifestJson(records)])
  if (o.shopify) files.push([MANIFEST_FILES.shopify, shopifyCsv(records, o.shopify.baseUrl)])
  for (const [name, text] of files) await writeIfChanged(join(outDir, name), text)
  return files.map(([name]) => join(outDir, name))
}

/**
 * Exports the selected photos' chosen results to a folder: planned and named first, then rendered a
 * few at a time, each file written atomically and only when its bytes differ from what is there.
 * Bad options throw an ExportOptionsError before anything is written; a photo that fails is counted
 * and named in the manifest, and the others go on.
 */
export async function exportPhotos(catalog: Catalog, options: ExportOptions, run: ExportRun = {}): Promise<ExportSummary> {
  const o = resolveExportOptions(options)
  const outDir = resolve(o.outDir)
  const plans = await planExport(selectForExport(catalog, o.selection), o, run.signal)
  const total = plans.length
  run.onEvent?.({ type: 'planned', total })
  const records: (ExportRecord | undefined)[] = new Array(total)
  const counts = { written: 0, unchanged: 0, failed: 0 }
  let done = 0
  const limit = o.concurrency ?? Math.max(1, Math.min(4, availableParallelism()))
  // Twice as many photos as renders in flight: one waits on its disk writes (fsync) while another renders.
  const renders = new PQueue({ concurrency: limit })
  await eachLimited(
    plans,
    limit * 2,
    async (plan, index) => {
      const outcome = await exportOne(plan, o, renders, run.signal)
      if (!outcome) return
      records[index] = outcome.record
      counts[outcome.state]++
      done++
      const { photoId, source, output, error } = outcome.record
      run.onEvent?.({ type: 'photo', photoId, source, state: outcome.state, output, ...(error ? { reason: error } : {}), done, total })
    },
    run.signal
  )
  const cancelled = run.signal?.aborted ?? false
  const finished = records.filter((r): r is ExportRecord => r !== undefined)
  const manifests = cancelled ? [] : await writeManifests(outDir, o, finished)
  const storeFailures = finished.filter((r) => r.storeCheck && !r.storeCheck.passed).length
  return { outDir, total, ...counts, storeFailures, cancelled, records: finished, manifests }
}
