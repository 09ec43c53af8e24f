/**
 * Changes collected by key and sent at most once per interval, the newest per key, so a thousand-photo
 * batch or a ten-thousand-photo add costs the renderer ten messages a second, not thousands.
 */
export class Coalescer<K, T> {
  private pending = new Map<K, T>()
  private timer: NodeJS.Timeout | undefined
  private lastFlush = 0

  constructor(
    private readonly send: (items: Map<K, T>) => void,
    private readonly intervalMs = 100
  ) {}

  push(key: K, item: T): void {
    this.pending.set(key, item)
    if (this.timer) return
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (!this.pending.size) return
    const items = this.pending
    this.pending = new Map()
    this.lastFlush = Date.now()
    this.send(items)
  }
}
