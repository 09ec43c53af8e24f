import type { EventName } from '../../shared/ipc/channels'
import type { EventPayload } from '../../shared/ipc/contract'

/** What the desktop shows outside the window: the dock or taskbar bar, and system notifications. */
export interface Desktop {
  /** 0..1, or null to clear it; a paused run shows as paused (Windows paints it yellow). */
  progress(fraction: number | null, paused: boolean): void
  /** Whether the user is looking at the window: then a notification would only repeat it. */
  focused(): boolean
  notify(title: string, body: string): void
}

type Queue = EventPayload<'queue'>
type Export = EventPayload<'export'>

const EXPORT_ENDS: Partial<Record<Export['state'], string>> = { done: 'Export finished', cancelled: 'Export cancelled', failed: 'Export failed' }

/**
 * Follows what main streams to the window (a run's queue, an export's progress) and mirrors it on the
 * desktop: progress in the dock or taskbar while either runs (the run's first), and a notification when
 * one ends while the window is in the background. Reading the events, not the runners, keeps this
 * independent of how runs and exports are carried out.
 */
export class DesktopProgress {
  private queue: Queue | undefined
  private exporting: Export | undefined

  constructor(private readonly desktop: Desktop) {}

  /** A run is under way (running or paused): quitting must wait for its requests. */
  get running(): boolean {
    return this.queue !== undefined && this.queue.state !== 'idle'
  }

  observe<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (event === 'queue') this.onQueue(payload as Queue)
    else if (event === 'export') this.onExport(payload as Export)
  }

  private onQueue(queue: Queue): void {
    const was = this.queue
    this.queue = queue
    this.show()
    if (was && was.state !== 'idle' && queue.state === 'idle') this.tell('Run finished', queue.reason ?? `${queue.finished} of ${queue.total} photos done.`)
  }

  private onExport(progress: Export): void {
    const was = this.exporting
    this.exporting = progress
    this.show()
    const ended = EXPORT_ENDS[progress.state]
    if (was?.state === 'running' && ended) this.tell(ended, progress.message ?? `${progress.written} written, ${progress.unchanged} unchanged, ${progress.failed} failed.`)
  }

  private show(): void {
    const { queue, exporting } = this
    if (queue && queue.state !== 'idle') this.desktop.progress(queue.total ? queue.finished / queue.total : 0, queue.state === 'paused')
    else if (exporting?.state === 'running') this.desktop.progress(exporting.total ? exporting.done / exporting.total : 0, false)
    else this.desktop.progress(null, false)
  }

  private tell(title: string, body: string): void {
    if (!this.desktop.focused()) this.desktop.notify(title, body)
  }
}
