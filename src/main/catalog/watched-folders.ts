import type { Db } from './database'

export interface NewWatchedFolder {
  path: string
  /** The preset new photos there run with; null for the current batch preset. */
  presetId?: number | null
  /** Run new photos as they arrive, rather than only adding them. */
  autoRun?: boolean
}

export interface WatchedFolderRow {
  id: number
  path: string
  presetId: number | null
  autoRun: boolean
  addedAt: number
}

interface Stored {
  id: number
  path: string
  preset_id: number | null
  auto_run: 0 | 1
  added_at: number
}

function toWatchedFolder(row: Stored): WatchedFolderRow {
  return { id: row.id, path: row.path, presetId: row.preset_id, autoRun: row.auto_run === 1, addedAt: row.added_at }
}

/** Folders whose new photos are added to the catalog as they appear. */
export class WatchedFolders {
  private readonly upsert
  private readonly all
  private readonly remove

  constructor(db: Db) {
    this.upsert = db.prepare<[string, number | null, number, number], Stored>(
      `INSERT INTO watched_folders (path, preset_id, auto_run, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET preset_id = excluded.preset_id, auto_run = excluded.auto_run
       RETURNING *`
    )
    this.all = db.prepare<[], Stored>('SELECT * FROM watched_folders ORDER BY path')
    this.remove = db.prepare<[number]>('DELETE FROM watched_folders WHERE id = ?')
  }

  /** Watching a folder again changes its preset and auto-run, keeping when it was first added. */
  add(folder: NewWatchedFolder): WatchedFolderRow {
    return toWatchedFolder(this.upsert.get(folder.path, folder.presetId ?? null, folder.autoRun ? 1 : 0, Date.now())!)
  }

  list(): WatchedFolderRow[] {
    return this.all.all().map(toWatchedFolder)
  }

  delete(id: number): boolean {
    return this.remove.run(id).changes > 0
  }
}
