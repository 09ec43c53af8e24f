import { createHash } from 'node:crypto'
import { realpath } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import PQueue from 'p-queue'
import { withFileLock } from '../../engine'
import type { Catalog } from '../catalog/catalog'
import { imageOf } from '../catalog/results'
import { eachLimited } from './each-limited'
import { ExportFolder } from './export-folder'
import { ExportOptionsError, resolveExportOptions, type ExportOptions, type ResolvedExportOptions } from './export-options'
import { filesOfPhotos, namePlans, namesInside, plannedFolders, preparePlans, SIDECAR, type PlannedExport } from './export-plan'
import { manifestFiles, type ExportRecord } from './manifest'
import { originalsIn, originalsQuestion } from './originals'
import { renderExport } from './render'
import { selectForExport } from './selection'
import { checkForStore } from './store-check'
import { xmpSidecar } from './xmp-sidecar'

export type ExportState = 'written' | 'unchanged' | 'failed'

export type ExportEvent =
  | { type: 'planned'; total: number }
  | { type: 'photo'; photoId: number; source: string; state: ExportState; output: string | null; reason?: string; displaced?: string; done: number; total: number }

/** A name a file Proofsheet did not write already had: that file was left as it is, and ours was saved beside it. */
export interface Displaced {
  name: string
  exportedAs: string
}

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
  displaced: Displaced[]
}

export interface ExportRun {
  signal?: AbortSignal
  onEvent?: (event: ExportEvent) => void
}

/** Thrown instead of exporting into a folder that holds originals of the catalog until the user agrees (`intoOriginalsFolder`). */
export class OriginalsFolderError extends ExportOptionsError {}

/** The export folder's lock: one export writes a folder at a time, so names and the record stay consistent. */
const LOCK = '.proofsheet-export'

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
    handle: item.product?.handle ?? null,
    position: item.product?.position ?? null,
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
async function exportOne(plan: PlannedExport, o: ResolvedExportOptions, folder: ExportFolder, renders: PQueue, signal?: AbortSignal): Promise<{ record: ExportRecord; state: ExportState } | null> {
  const record = baseRecord(plan)
  if (plan.problem) return { record: { ...record, error: plan.problem }, state: 'failed' }
  try {
    const { data, info } = await renders.add(() => renderExport(imageOf(plan.item.output!), { ...o, exif: plan.exif.tags }))
    // A photo rendered after cancel is dropped here rather than written.
    if (signal?.aborted) return null
    const [state] = await Promise.all([folder.write(plan.relative!, data), o.xmpSidecars && folder.write(plan.relative! + SIDECAR, xmpSidecar(plan.item.review))])
    const storeCheck = o.storeCheck ? await checkForStore(data, o.storeCheck) : null
    const checksum = createHash('sha256').update(data).digest('hex')
    return { record: { ...record, output: plan.relative!, width: info.width, height: info.height, checksum, storeCheck }, state }
  } catch (error) {
    return { record: { ...record, error: (error as Error).message }, state: 'failed' }
  }
}

/** The question to ask before this export (a folder that holds originals), or null when it may start. */
export async function askBeforeExport(catalog: Catalog, options: ExportOptions): Promise<string | null> {
  try {
    await originalsGuard(catalog, resolve(options.outDir), resolveExportOptions(options))
    return null
  } catch (error) {
    if (error instanceof OriginalsFolderError) return error.message
    throw error
  }
}

/** In words, for the end of an export's message: names that were taken by files Proofsheet did not write. */
export function displacedNote(displaced: readonly Displaced[]): string {
  if (!displaced.length) return ''
  const [first] = displaced
  const more = displaced.length > 1 ? ` (and ${displaced.length - 1} more; see the manifest)` : ''
  return ` ${displaced.length === 1 ? 'A name was' : `${displaced.length} names were`} taken by files Proofsheet did not write, which were left as they are: ${first!.name} was exported as ${first!.exportedAs}${more}.`
}

/** Refuses an export into a folder that holds originals unless the user agreed; the originals are reserved either way. */
async function originalsGuard(catalog: Catalog, outDir: string, o: ResolvedExportOptions): Promise<() => string[]> {
  const real = await realpath(outDir).catch(() => outDir)
  const found = [originalsIn(catalog, outDir), ...(real === outDir ? [] : [originalsIn(catalog, real)])]
  const count = Math.max(...found.map((f) => f.count))
  if (count && !o.intoOriginalsFolder) throw new OriginalsFolderError(originalsQuestion(outDir, count))
  return () => found.flatMap((f) => f.paths())
}

/**
 * Exports the selected photos' chosen results to a folder: planned and named first, then rendered a
 * few at a time, each file written atomically and only when its bytes differ from what is there. A
 * file Proofsheet did not write is never replaced: its name is taken and ours gets " (2)". Bad options
 * throw an ExportOptionsError before anything is written; a photo that fails is counted and named in
 * the manifest, and the others go on.
 */
export async function exportPhotos(catalog: Catalog, options: ExportOptions, run: ExportRun = {}): Promise<ExportSummary> {
  const o = resolveExportOptions(options)
  const outDir = resolve(o.outDir)
  const originals = await originalsGuard(catalog, outDir, o)
  const items = selectForExport(catalog, o.selection)
  const plans = await preparePlans(items, o, run.signal)
  return withFileLock(
    join(outDir, LOCK),
    async () => {
      const folder = await ExportFolder.open(outDir)
      try {
        await folder.survey(plannedFolders(plans, o))
        for (const name of namesInside([...filesOfPhotos(items), ...originals()], outDir)) folder.taken.add(name)
        const manifestNames = o.manifest || o.shopify ? manifestFiles(folder.taken) : undefined
        namePlans(plans, o, outDir, folder.taken)
        return await writeAll(plans, o, folder, manifestNames, run)
      } finally {
        await folder.close()
      }
    },
    run.signal
  )
}

async function writeAll(plans: PlannedExport[], o: ResolvedExportOptions, folder: ExportFolder, manifestNames: ReturnType<typeof manifestFiles> | undefined, run: ExportRun): Promise<ExportSummary> {
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
      const outcome = await exportOne(plan, o, folder, renders, run.signal)
      if (!outcome) return
      records[index] = outcome.record
      counts[outcome.state]++
      done++
      const { photoId, source, output, error } = outcome.record
      const displaced = output && plan.displaced ? { displaced: plan.displaced } : {}
      run.onEvent?.({ type: 'photo', photoId, source, state: outcome.state, output, ...(error ? { reason: error } : {}), ...displaced, done, total })
    },
    run.signal
  )
  const cancelled = run.signal?.aborted ?? false
  const finished = records.filter((r): r is ExportRecord => r !== undefined)
  const displaced: Displaced[] = plans.flatMap((p, i) => (p.displaced && records[i]?.output ? [{ name: p.displaced, exportedAs: p.relative! }] : []))
  const manifests = cancelled || !manifestNames ? [] : await manifestNames.write(folder, o, finished)
  displaced.push(...(manifestNames?.displaced ?? []))
  const storeFailures = finished.filter((r) => r.storeCheck && !r.storeCheck.passed).length
  return { outDir: folder.dir, total, ...counts, storeFailures, cancelled, records: finished, manifests: manifests.map((name) => join(folder.dir, name)), displaced }
}
