import { displacedNote, exportPhotos, ExportOptionsError, resolveExportOptions, type ResolvedExportOptions } from '../export'
import type { EmitEvent, ExportProgress } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { Catalog } from '../catalog/catalog'
import { Coalescer } from '../ipc/coalescer'

const IDLE: ExportProgress = { state: 'idle', outDir: null, total: 0, done: 0, written: 0, unchanged: 0, failed: 0, storeFailures: 0 }

/** One export at a time for the window: it runs in the background, streams coalesced progress, and can be cancelled. */
export class ExportRunner {
  private progress: ExportProgress = IDLE
  private controller: AbortController | null = null
  private readonly updates: Coalescer<'export', ExportProgress>

  constructor(
    private readonly catalog: Catalog,
    emit: EmitEvent
  ) {
    this.updates = new Coalescer((items) => emit('export', items.get('export') ?? this.progress))
  }

  state(): ExportProgress {
    return this.progress
  }

  /** Resolves once the photos are planned (how many will be exported); the export itself goes on. */
  async start(raw: Record<string, unknown>): Promise<{ total: number }> {
    if (this.controller) throw new AppError('busy', 'An export is already running. Wait for it to finish or cancel it first.')
    const options = checked(raw)
    const controller = new AbortController()
    this.controller = controller
    this.publish({ ...IDLE, state: 'running', outDir: options.outDir })
    let planned: (total: number) => void = () => undefined
    const total = new Promise<number>((resolve) => (planned = resolve))
    const running = exportPhotos(this.catalog, options, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'planned') {
          planned(event.total)
          return this.publish({ ...this.progress, total: event.total })
        }
        const counts = { ...this.progress, done: event.done }
        counts[event.state]++
        this.publish(counts)
      }
    })
    running.then(
      (summary) => {
        const { outDir, total, written, unchanged, failed, storeFailures, cancelled } = summary
        // Where they went, in words: the folder is the first thing a photographer opens next.
        const message = (cancelled ? `Cancelled after ${written + unchanged} of ${total} photos, in ${outDir}; nothing was left half-written.` : `${written} written, ${unchanged} already up to date, ${failed} failed, in ${outDir}.`) + displacedNote(summary.displaced)
        this.finish({ state: cancelled ? 'cancelled' : 'done', outDir, total, done: written + unchanged + failed, written, unchanged, failed, storeFailures, message })
        planned(total)
      },
      (error: Error) => {
        this.finish({ ...this.progress, state: 'failed', message: error.message })
        planned(0)
      }
    )
    return { total: await total }
  }

  cancel(): void {
    this.controller?.abort()
  }

  private publish(progress: ExportProgress): void {
    this.progress = progress
    this.updates.push('export', progress)
  }

  private finish(progress: ExportProgress): void {
    this.controller = null
    this.publish(progress)
    this.updates.flush()
  }
}

/** Options are checked before anything starts; each problem names its option. */
function checked(raw: Record<string, unknown>): ResolvedExportOptions {
  try {
    return resolveExportOptions(raw as Parameters<typeof resolveExportOptions>[0])
  } catch (error) {
    if (error instanceof ExportOptionsError) throw new AppError('invalid-input', error.message)
    throw error
  }
}
