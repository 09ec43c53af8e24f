import type { JobUpdate } from '../../shared/ipc/contract'

/**
 * Job updates are collected and sent at most once per interval, the newest state per image, so a
 * thousand-photo batch costs the renderer ten messages a second, not thousands.
 */
export class JobCoalescer {
  private pending = new Map<string, JobUpdate>()
  private timer: NodeJS.Timeout | undefined
  private lastFlush = 0

  constructor(
    private readonly send: (updates: JobUpdate[]) => void,
    private readonly intervalMs = 100
  ) {}

  push(update: JobUpdate): void {
    this.pending.set(update.imageId, update)
    if (this.timer) return
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (!this.pending.size) return
    const updates = [...this.pending.values()]
    this.pending = new Map()
    this.lastFlush = Date.now()
    this.send(updates)
  }
}
