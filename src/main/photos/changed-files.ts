import { watch, type FSWatcher } from 'chokidar'

/** Most files watched at once: each is one watch of the OS's, and a folder of junk must not use them all. */
const MOST = 500

/**
 * Files that could not be read, watched one by one (never their folders), so a copy that finishes
 * late or a file the user replaces is read again as soon as it changes.
 */
export class ChangedFiles {
  private watcher: FSWatcher | null = null
  private readonly watched = new Set<string>()

  constructor(private readonly changed: (path: string) => void) {}

  watch(path: string): void {
    if (this.watched.has(path) || this.watched.size >= MOST) return
    this.watched.add(path)
    if (!this.watcher) {
      this.watcher = watch([], { ignoreInitial: true })
      this.watcher.on('change', this.changed).on('add', this.changed)
      // A file that vanished or a watch the OS refused: the photo simply stays as it was.
      this.watcher.on('error', () => undefined)
    }
    this.watcher.add(path)
  }

  forget(path: string): void {
    if (this.watched.delete(path)) this.watcher?.unwatch(path)
  }

  async close(): Promise<void> {
    this.watched.clear()
    await this.watcher?.close()
    this.watcher = null
  }
}
