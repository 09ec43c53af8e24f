import { realpath } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { inside, type SkippedPath } from '../../engine'
import { PHOTO_NAME } from '../../shared/images/formats'

const OUTSIDE_REASON = 'a link that leads outside the watched folder (links are followed only inside it)'

/** What the user is told about arrivals refused for leading outside: a few names, and how many more. */
export function refusedNotice(folder: string, refused: readonly SkippedPath[]): string {
  const names = refused.slice(0, 3).map((s) => basename(s.path))
  const more = refused.length > 3 ? ` and ${refused.length - 3} more` : ''
  return `${names.join(', ')}${more} in ${folder} ${refused.length === 1 ? 'was' : 'were'} not added: ${OUTSIDE_REASON}.`
}

export interface WatchOptions {
  /** How long a file's size must stay still before it counts as written (ms). */
  stableMs?: number
  /** Arrivals this close together are handled as one group (ms). */
  groupMs?: number
}

/**
 * Watches one folder (and the folders inside it) for new photos, reporting them once their writes
 * have finished, in groups, so a card copied in arrives as a few calls rather than one per file.
 * Links follow the rule of an added folder, applied to each arriving path itself: one that stays
 * inside arrives as the file it leads to, one that leads out is refused with the reason.
 */
export class FolderWatcher {
  private readonly watcher: FSWatcher
  private pending: string[] = []
  private timer: NodeJS.Timeout | null = null
  private closed = false

  constructor(
    readonly path: string,
    private readonly arrived: (paths: string[], refused: SkippedPath[]) => void,
    { stableMs = 800, groupMs = 300 }: WatchOptions = {}
  ) {
    this.watcher = watch(path, {
      ignoreInitial: true,
      // A linked folder is not walked into: what lies inside the watched folder is watched where it is.
      followSymlinks: false,
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
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    await this.watcher.close()
  }

  private flush(): void {
    this.timer = null
    const paths = this.pending
    this.pending = []
    void this.checked(paths).then(({ found, refused }) => {
      if (!this.closed && (found.length || refused.length)) this.arrived(found, refused)
    })
  }

  /**
   * Each arriving path's real path must lie inside the watched folder's; it arrives as that file, named
   * under the folder as the user chose it (which may itself be reached through a link). A file gone
   * meanwhile is passed over.
   */
  private async checked(paths: string[]): Promise<{ found: string[]; refused: SkippedPath[] }> {
    const root = await realpath(this.path).catch(() => this.path)
    const found = new Set<string>()
    const refused: SkippedPath[] = []
    for (const path of paths) {
      const real = await realpath(path).catch(() => null)
      if (real === null) continue
      if (inside(real, root)) found.add(join(this.path, relative(root, real)))
      else refused.push({ path, reason: OUTSIDE_REASON })
    }
    return { found: [...found], refused }
  }
}
