import { watch, type FSWatcher } from 'chokidar'
import { stat } from 'node:fs/promises'

/** Most files watched at once: each is one watch of the OS's, and a folder of junk must not use them all. */
const MOST = 500
/** Long enough for the OS's watch to be in place; a change made before it was is caught by a look after. */
const PLACED_MS = 1_000

/** The file as the failed read saw it. */
export interface SeenFile {
  size: number
  mtimeMs: number
}

/**
 * Files that could not be read, watched one by one (never their folders), so a copy that finishes
 * late or a file the user replaces is read again as soon as it changes.
 */
export class ChangedFiles {
  private watcher: FSWatcher | null = null
  private readonly watched = new Set<string>()
  private readonly looks = new Set<NodeJS.Timeout>()

  constructor(private readonly changed: (path: string) => void) {}

  /** Watches the file; given how the failed read saw it, a change made before the watch took hold is not missed. */
  watch(path: string, seen?: SeenFile): void {
    if (this.watched.has(path) || this.watched.size >= MOST) return
    this.watched.add(path)
    if (!this.watcher) {
      this.watcher = watch([], { ignoreInitial: true })
      this.watcher.on('change', this.changed).on('add', this.changed)
      // A file that vanished or a watch the OS refused: the photo simply stays as it was.
      this.watcher.on('error', () => undefined)
    }
    this.watcher.add(path)
    if (seen) this.lookAgain(path, seen)
  }

  private lookAgain(path: string, seen: SeenFile): void {
    const timer = setTimeout(() => {
      this.looks.delete(timer)
      void stat(path).then(
        (info) => {
          if (this.watched.has(path) && (info.size !== seen.size || info.mtimeMs !== seen.mtimeMs)) this.changed(path)
        },
        () => undefined
      )
    }, PLACED_MS)
    timer.unref()
    this.looks.add(timer)
  }

  forget(path: string): void {
    if (this.watched.delete(path)) this.watcher?.unwatch(path)
  }

  async close(): Promise<void> {
    for (const timer of this.looks) clearTimeout(timer)
    this.looks.clear()
    this.watched.clear()
    await this.watcher?.close()
    this.watcher = null
  }
}
