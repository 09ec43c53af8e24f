import type { Db } from './database'

/**
 * What belongs to a photo, parents first (the order rows go back in): the photo with its overrides,
 * its results and their outputs, its review, its store check and its web address. `of` selects a table's rows for the
 * photo ids bound as JSON.
 */
const OWNED: readonly { table: string; of: string }[] = [
  { table: 'photos', of: 'SELECT * FROM photos WHERE id IN (SELECT value FROM json_each(?))' },
  { table: 'results', of: 'SELECT * FROM results WHERE photo_id IN (SELECT value FROM json_each(?))' },
  { table: 'result_outputs', of: 'SELECT o.* FROM result_outputs o JOIN results r ON r.id = o.result_id WHERE r.photo_id IN (SELECT value FROM json_each(?))' },
  { table: 'review', of: 'SELECT * FROM review WHERE photo_id IN (SELECT value FROM json_each(?))' },
  { table: 'store_checks', of: 'SELECT * FROM store_checks WHERE photo_id IN (SELECT value FROM json_each(?))' },
  { table: 'photo_sources', of: 'SELECT * FROM photo_sources WHERE photo_id IN (SELECT value FROM json_each(?))' }
]

type Row = Record<string, unknown>
type Snapshot = Record<string, Row[]>

/** The id a row of `table` belongs to: its photo's. */
function photoOf(table: string, row: Row, resultPhotos: Map<unknown, unknown>): unknown {
  if (table === 'photos') return row['id']
  if (table === 'result_outputs') return resultPhotos.get(row['result_id'])
  return row['photo_id']
}

/**
 * Photos removed from the catalog, kept whole (every row of theirs, as JSON) until the removal can no
 * longer be undone: putting them back restores their overrides, review marks and results, ids and all
 * (AUTOINCREMENT never gives a removed id to another photo).
 */
export class Removals {
  private readonly selects
  private readonly save
  private readonly load
  private readonly forget
  private readonly list
  private readonly pathTaken
  private readonly deletePhoto
  private readonly keptInUse

  constructor(private readonly db: Db) {
    this.selects = OWNED.map(({ table, of }) => ({ table, statement: db.prepare<[string], Row>(of) }))
    this.save = db.prepare<[number, string]>('INSERT INTO removals (removed_at, rows) VALUES (?, ?)')
    this.load = db.prepare<[number], string>('SELECT rows FROM removals WHERE id = ?').pluck()
    this.forget = db.prepare<[number]>('DELETE FROM removals WHERE id = ?')
    this.list = db.prepare<[], number>('SELECT id FROM removals ORDER BY id').pluck()
    this.pathTaken = db.prepare<[unknown], number>('SELECT 1 FROM photos WHERE path = ?').pluck()
    this.deletePhoto = db.prepare<[number]>('DELETE FROM photos WHERE id = ?')
    this.keptInUse = db.prepare<[string], number>('SELECT 1 FROM result_outputs WHERE kept = ? LIMIT 1').pluck()
  }

  /** Removes the photos (their results, outputs, review and checks go with them) and keeps them as one removal. */
  remove(ids: readonly number[]): { removed: number; removal: number | null } {
    return this.db.transaction(() => {
      const snapshot: Snapshot = Object.fromEntries(this.selects.map(({ table, statement }) => [table, statement.all(JSON.stringify(ids))]))
      const removed = snapshot['photos']!.length
      if (!removed) return { removed, removal: null }
      const removal = Number(this.save.run(Date.now(), JSON.stringify(snapshot)).lastInsertRowid)
      for (const row of snapshot['photos']!) this.deletePhoto.run(row['id'] as number)
      return { removed, removal }
    }).immediate()
  }

  /** Every removal kept, oldest first. */
  removals(): number[] {
    return this.list.all()
  }

  /**
   * Puts a removal's photos back with everything of theirs; a photo whose file was added again since
   * stays out (its new entry is the one kept). Returns the ids put back and how many stayed out.
   */
  restore(removal: number): { restored: number[]; notRestored: number } {
    return this.db.transaction(() => {
      const text = this.load.get(removal)
      if (text === undefined) return { restored: [], notRestored: 0 }
      const snapshot = JSON.parse(text) as Snapshot
      const photos = snapshot['photos'] ?? []
      const back = new Set(photos.filter((row) => !this.pathTaken.get(row['path'])).map((row) => row['id']))
      const resultPhotos = new Map((snapshot['results'] ?? []).map((row) => [row['id'], row['photo_id']]))
      for (const { table } of OWNED) {
        const rows = (snapshot[table] ?? []).filter((row) => back.has(photoOf(table, row, resultPhotos)))
        // Every row of a table has the columns it had when it was read: one statement per table.
        const columns = Object.keys(rows[0] ?? {})
        const insert = rows.length ? this.db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`) : undefined
        for (const row of rows) insert!.run(...columns.map((c) => row[c]))
      }
      this.forget.run(removal)
      return { restored: [...back] as number[], notRestored: photos.length - back.size }
    }).immediate()
  }

  /** Forgets removals for good; returns the kept result copies only they used, which may now be deleted. */
  purge(removals: readonly number[]): string[] {
    return this.db.transaction(() => {
      const candidates = new Set<string>()
      for (const removal of removals) {
        const text = this.load.get(removal)
        if (text === undefined) continue
        for (const row of (JSON.parse(text) as Snapshot)['result_outputs'] ?? []) if (typeof row['kept'] === 'string') candidates.add(row['kept'])
        this.forget.run(removal)
      }
      // Two photos with the same bytes share a purchase, and so its kept copy: one still used by a photo in
      // the catalog, or by one another removal could put back, stays.
      const stillKept = new Set(this.list.all().flatMap((id) => ((JSON.parse(this.load.get(id)!) as Snapshot)['result_outputs'] ?? []).map((row) => row['kept'])))
      return [...candidates].filter((kept) => !this.keptInUse.get(kept) && !stillKept.has(kept))
    })()
  }
}
