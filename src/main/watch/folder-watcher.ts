import { watch, type FSWatcher } from 'chokidar'
import { PHOTO_NAME } from '../../shared/images/formats'

export interface WatchOptions {
  /** How long a file's size must stay still before it counts as written (ms). */
  stableMs?: number
  /** Arrivals this close together are handled as one group (ms). */
  groupMs?: number
}

/**
 * Watches one folder (and the folders inside it) for new photos, reporting them once their writes
 * have finished, in groups, so a card copied in arrives as a few calls rather than one per file.
 */
export class FolderWatcher {
  private readonly watcher: FSWatcher
  private pending: string[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    readonly path: string,
    private readonly arrived: (paths: string[]) => void,
    { stableMs = 800, groupMs = 300 }: WatchOptions = {}
  ) {
    this.watcher = watch(path, {
      ignoreInitial: true,
      // A camera or a copy writes a file over a while: only a settled file is a photo to add.
      awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.min(100, stableMs / 4) },
      ignored: (file, stats) => Boolean(stats?.isFile() && !PHOTO_NAME.test(file))
    })
    this.watcher.on('add', (file) => {
      this.pending.push(file)
      this.timer ??= setTimeout(() => this.flush(), groupMs)
    })
  }

  /** Resolves once the folder is being watched. */
  ready(): Promise<void> {
    return new Promise((resolve) => this.watcher.once('ready', () => resolve()))
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    await this.watcher.close()
  }

  private flush(): void {
    this.timer = null
    const paths = this.pending
    this.pending = []
    if (paths.length) this.arrived(paths)
  }
}
