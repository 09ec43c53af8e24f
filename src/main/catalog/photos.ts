import { sep } from 'node:path'
import { RAW_EXTENSIONS, RAW_SIBLING_EXTENSIONS } from '../../shared/images/formats'
import type { ParamValues } from '../../shared/operations'
import type { Db } from './database'
import { mustExist } from './missing'

export type FactsState = 'pending' | 'ready' | 'unreadable'

/** A file as found on disk, before it has been read. */
export interface NewPhoto {
  path: string
  /** The folder or file the user added; `folder` is relative to it ('' at its top). */
  root: string
  folder: string
  name: string
  size: number
  mtimeMs: number
}

export interface PhotoRow extends NewPhoto {
  id: number
  format: string | null
  width: number | null
  height: number | null
  orientation: number | null
  /** Null until the bytes have been hashed. */
  contentHash: string | null
  facts: FactsState
  /** Why the file could not be read, when `facts` is 'unreadable'. */
  factsReason: string | null
  addedAt: number
  overrides: ParamValues
}

export type PhotoFacts =
  | { format: string; width: number; height: number; orientation: number | null; size: number; mtimeMs: number; contentHash?: string }
  /** With the size and time the file had when it failed, so a later change to it is noticed. */
  | { unreadable: string; size?: number; mtimeMs?: number }

/** How many of the photos asked about share one set of overrides, and whether they are known to be skipped. */
export interface OverrideGroup {
  overrides: ParamValues
  skipped: boolean
  photos: number
}

export interface FolderCount {
  root: string
  folder: string
  count: number
}

interface Stored {
  id: number
  path: string
  root: string
  folder: string
  name: string
  size: number
  mtime_ms: number
  format: string | null
  width: number | null
  height: number | null
  orientation: number | null
  content_hash: string | null
  facts_state: FactsState
  facts_reason: string | null
  added_at: number
  overrides: string
}

export function toPhoto(row: Stored): PhotoRow {
  return {
    id: row.id,
    path: row.path,
    root: row.root,
    folder: row.folder,
    name: row.name,
    size: row.size,
    mtimeMs: row.mtime_ms,
    format: row.format,
    width: row.width,
    height: row.height,
    orientation: row.orientation,
    contentHash: row.content_hash,
    facts: row.facts_state,
    factsReason: row.facts_reason,
    addedAt: row.added_at,
    overrides: JSON.parse(row.overrides) as ParamValues
  }
}

const IN_ORDER = 'ORDER BY root, folder, name, id'

/** A name up to and including its last dot (`IMG_0100.`): SQLite's rtrim drops every character but dots from the end. */
const STEM_DOT = "lower(rtrim(r.name, replace(r.name, '.', '')))"
/** Of the photos in `sel`, the RAW files whose camera JPEG or HEIC (same folder, same name) is there too. */
const PAIRED_RAWS = `SELECT r.id FROM sel r JOIN sel s ON s.root = r.root AND s.folder = r.folder
  WHERE (${RAW_EXTENSIONS.map((e) => `lower(r.name) LIKE '%.${e}'`).join(' OR ')})
    AND lower(s.name) IN (${RAW_SIBLING_EXTENSIONS.map((e) => `${STEM_DOT} || '${e}'`).join(', ')})`

/** The photos table: what was added, what is known about each file, and its parameter overrides. */
export class Photos {
  private readonly insert
  private readonly insertOnly
  private readonly byId
  private readonly byPath
  private readonly idsByPath
  private readonly page
  private readonly allIds
  private readonly count
  private readonly folders
  private readonly pending
  private readonly countPending
  private readonly unreadableRows
  private readonly unreadableAgain
  private readonly ready
  private readonly unreadable
  private readonly hash
  private readonly writeOverrides
  private readonly groupsOfAll
  private readonly groupsOf
  private readonly overridesInOrder

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[string, string, string, string, number, number, number], Stored>(
      `INSERT INTO photos (path, root, folder, name, size, mtime_ms, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (path) DO NOTHING RETURNING *`
    )
    this.insertOnly = db.prepare<[string, string, string, string, number, number, number]>(
      'INSERT INTO photos (path, root, folder, name, size, mtime_ms, added_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO NOTHING'
    )
    this.byId = db.prepare<[number], Stored>('SELECT * FROM photos WHERE id = ?')
    this.byPath = db.prepare<[string], Stored>('SELECT * FROM photos WHERE path = ?')
    this.idsByPath = db.prepare<[string], { path: string; id: number }>('SELECT path, id FROM photos WHERE path IN (SELECT value FROM json_each(?))')
    this.page = db.prepare<[number, number], Stored>(`SELECT * FROM photos ${IN_ORDER} LIMIT ? OFFSET ?`)
    this.allIds = db.prepare<[], number>(`SELECT id FROM photos ${IN_ORDER}`).pluck()
    this.count = db.prepare<[], number>('SELECT count(*) FROM photos').pluck()
    this.folders = db.prepare<[], FolderCount>('SELECT root, folder, count(*) AS count FROM photos GROUP BY root, folder ORDER BY root, folder')
    this.pending = db.prepare<[number], Stored>(`SELECT * FROM photos WHERE facts_state = 'pending' ORDER BY id LIMIT ?`)
    this.countPending = db.prepare<[], number>(`SELECT count(*) FROM photos WHERE facts_state = 'pending'`).pluck()
    this.unreadableRows = db.prepare<[number], Stored>(`SELECT * FROM photos WHERE facts_state = 'unreadable' ORDER BY id LIMIT ?`)
    this.unreadableAgain = db.prepare<[number]>(`UPDATE photos SET facts_state = 'pending', facts_reason = NULL WHERE id = ? AND facts_state = 'unreadable'`)
    // A hash read before the file changed (other size or time) no longer describes it.
    this.ready = db.prepare<{ id: number; format: string; width: number; height: number; orientation: number | null; size: number; mtimeMs: number; contentHash: string | null }>(
      `UPDATE photos SET format = :format, width = :width, height = :height, orientation = :orientation,
         content_hash = coalesce(:contentHash, CASE WHEN size = :size AND mtime_ms = :mtimeMs THEN content_hash END),
         size = :size, mtime_ms = :mtimeMs, facts_state = 'ready', facts_reason = NULL
       WHERE id = :id`
    )
    this.unreadable = db.prepare<[string, number | null, number | null, number]>(
      `UPDATE photos SET facts_state = 'unreadable', facts_reason = ?, size = coalesce(?, size), mtime_ms = coalesce(?, mtime_ms),
         format = NULL, width = NULL, height = NULL, orientation = NULL WHERE id = ?`
    )
    this.hash = db.prepare<[string, number]>('UPDATE photos SET content_hash = ? WHERE id = ?')
    this.writeOverrides = db.prepare<[string, number]>('UPDATE photos SET overrides = ? WHERE id = ?')
    // Skipped whatever the parameters: unreadable, or inside the output folder (the engine's `inside()`, in SQL).
    // A RAW file whose JPEG or HEIC is run with it is skipped, the sibling sent (and priced) in its place.
    const groups = (from: string): string =>
      `WITH sel AS (SELECT p.* FROM ${from}), paired AS (${PAIRED_RAWS})
       SELECT p.overrides, p.facts_state = 'unreadable' OR (:folder IS NOT NULL AND (p.path = :folder OR substr(p.path, 1, length(:prefix)) = :prefix))
         OR p.id IN paired AS skipped, count(*) AS photos
       FROM sel p GROUP BY 1, 2`
    this.groupsOfAll = db.prepare<{ folder: string | null; prefix: string | null }, { overrides: string; skipped: number; photos: number }>(groups('photos p'))
    // A join, not IN: an id no longer in the catalog counts not at all.
    this.groupsOf = db.prepare<{ ids: string; folder: string | null; prefix: string | null }, { overrides: string; skipped: number; photos: number }>(
      groups('json_each(:ids) j JOIN photos p ON p.id = j.value')
    )
    this.overridesInOrder = db.prepare<[string], string>("SELECT coalesce(p.overrides, '{}') FROM json_each(?) j LEFT JOIN photos p ON p.id = j.value ORDER BY j.key").pluck()
  }

  /** Paths already in the catalog are skipped; returns only the rows inserted. */
  add(rows: readonly NewPhoto[]): PhotoRow[] {
    const now = Date.now()
    return this.db.transaction(() => {
      const added: PhotoRow[] = []
      for (const r of rows) {
        const row = this.insert.get(r.path, r.root, r.folder, r.name, r.size, r.mtimeMs, now)
        if (row) added.push(toPhoto(row))
      }
      return added
    })()
  }

  /** As `add`, returning only how many were new: no row read back (about half the time at 10,000 photos). */
  addCount(rows: readonly NewPhoto[]): number {
    const now = Date.now()
    return this.db.transaction(() => rows.reduce((n, r) => n + this.insertOnly.run(r.path, r.root, r.folder, r.name, r.size, r.mtimeMs, now).changes, 0))()
  }

  setFacts(id: number, facts: PhotoFacts): void {
    const { changes } =
      'unreadable' in facts
        ? this.unreadable.run(facts.unreadable, facts.size ?? null, facts.mtimeMs ?? null, id)
        : this.ready.run({ id, ...facts, contentHash: facts.contentHash ?? null })
    mustExist(id, changes)
  }

  setContentHash(id: number, hash: string): void {
    mustExist(id, this.hash.run(hash, id).changes)
  }

  photo(id: number): PhotoRow | undefined {
    const row = this.byId.get(id)
    return row && toPhoto(row)
  }

  photoByPath(path: string): PhotoRow | undefined {
    const row = this.byPath.get(path)
    return row && toPhoto(row)
  }

  idsByPaths(paths: readonly string[]): Map<string, number> {
    return new Map(this.idsByPath.all(JSON.stringify(paths)).map((r) => [r.path, r.id]))
  }

  /** In folder-tree order: root, folder, name. */
  list(range: { offset: number; limit: number }): PhotoRow[] {
    return this.page.all(range.limit, range.offset).map(toPhoto)
  }

  ids(): number[] {
    return this.allIds.all()
  }

  countAll(): number {
    return this.count.get() ?? 0
  }

  folderCounts(): FolderCount[] {
    return this.folders.all()
  }

  pendingFacts(limit: number): PhotoRow[] {
    return this.pending.all(limit).map(toPhoto)
  }

  pendingCount(): number {
    return this.countPending.get() ?? 0
  }

  unreadablePhotos(limit: number): PhotoRow[] {
    return this.unreadableRows.all(limit).map(toPhoto)
  }

  /** An unreadable photo whose file changed is read again; false when it was not unreadable (or is gone). */
  readAgain(id: number): boolean {
    return this.unreadableAgain.run(id).changes > 0
  }

  setOverrides(id: number, values: ParamValues): void {
    mustExist(id, this.writeOverrides.run(JSON.stringify(values), id).changes)
  }

  /**
   * These photos (every photo when none are named) grouped by their overrides, counted in SQL: the
   * whole-batch cost estimate is asked again as photos change, and reading 10,000 rows costs main ~90 ms.
   */
  overrideGroups(ids: readonly number[] | undefined, outputFolder: string | null): OverrideGroup[] {
    const folder = { folder: outputFolder, prefix: outputFolder === null || outputFolder.endsWith(sep) ? outputFolder : outputFolder + sep }
    // A photo named twice is run once (the runner de-duplicates too), so it is counted once.
    const rows = ids ? this.groupsOf.all({ ids: JSON.stringify([...new Set(ids)]), ...folder }) : this.groupsOfAll.all(folder)
    return rows.map((r) => ({ overrides: JSON.parse(r.overrides) as ParamValues, skipped: r.skipped === 1, photos: r.photos }))
  }

  overrides(id: number): ParamValues | undefined {
    return this.photo(id)?.overrides
  }

  /** Each of these photos' overrides, in the order named, in one query; none for a photo no longer here. */
  overridesOf(ids: readonly number[]): ParamValues[] {
    return this.overridesInOrder.all(JSON.stringify(ids)).map((text) => JSON.parse(text) as ParamValues)
  }
}
