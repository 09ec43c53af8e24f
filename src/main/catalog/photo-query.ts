import type Database from 'better-sqlite3'
import type { Db } from './database'
import { PHOTO_STATE_OF_JOB } from '../../shared/ipc/photo-state'
import type { ReviewFlag } from '../../shared/review-marks'
import type { PhotoRow } from './photos'

export type PhotoSort = 'name' | 'date' | 'folder' | 'state' | 'needs-a-look'
export type PhotoStateFilter = 'not-run' | 'queued' | 'sending' | 'done' | 'failed' | 'skipped'

/** The gallery's order and filter, as the catalog answers it. */
export interface PhotoQuery {
  sort?: PhotoSort
  descending?: boolean
  state?: PhotoStateFilter
  root?: string
  folder?: string
  overridden?: boolean
  flag?: ReviewFlag | 'none'
  store?: 'fails' | 'passes'
  text?: string
}

/** How each ordering reads in SQL; the id last keeps equal rows in a stable order between ranges. */
const ORDER: Record<PhotoSort, string> = {
  name: 'p.name COLLATE NOCASE',
  // When it was taken (EXIF), else the file's date.
  date: 'coalesce(p.captured_at,p.mtime_ms)',
  folder: 'p.root, p.folder, p.name',
  // Negated, so the highest score comes first; no score at all (-2 before negating) comes last.
  // (No comma and space inside: the order's terms are split on them.)
  'needs-a-look': '-coalesce((SELECT max(r.uncertainty_score) FROM results r WHERE r.photo_id = p.id),-2)',
  state: `CASE state WHEN 'failed' THEN 0 WHEN 'sending' THEN 1 WHEN 'queued' THEN 2 WHEN 'not-run' THEN 3 WHEN 'skipped' THEN 4 ELSE 5 END`
}

/** A work item's state as a photo's, from the one table in src/shared; a cancelled or estimated item says nothing new. */
const ITEM_STATE = `CASE w.state ${Object.entries(PHOTO_STATE_OF_JOB)
  .map(([job, photo]) => `WHEN '${job}' THEN '${photo}'`)
  .join(' ')} END`

/** From the photo's latest work item; without one, "done" when it has a result, else "not run". */
const STATE = `coalesce((SELECT ${ITEM_STATE} FROM work_items w WHERE w.photo_id = p.id ORDER BY w.id DESC LIMIT 1),
  CASE WHEN EXISTS (SELECT 1 FROM results r WHERE r.photo_id = p.id) THEN 'done' ELSE 'not-run' END)`

/** Whether the shown result (the chosen output, else the newest result's first) passed its last store check; null if unchecked. */
const STORE_CHECK = `(SELECT s.passed FROM store_checks s WHERE s.photo_id = p.id
  AND s.result_id = coalesce(v.chosen_result_id, (SELECT max(r.id) FROM results r WHERE r.photo_id = p.id))
  AND s.output = CASE WHEN v.chosen_result_id IS NULL THEN 0 ELSE coalesce(v.chosen_output, 0) END)`

function build(q: PhotoQuery): { sql: string; params: Record<string, string> } {
  const where: string[] = []
  const params: Record<string, string> = {}
  if (q.state) {
    where.push('state = :state')
    params['state'] = q.state
  }
  if (q.root !== undefined) {
    where.push('p.root = :root')
    params['root'] = q.root
  }
  if (q.folder !== undefined) {
    // A folder and everything inside it.
    where.push(`(p.folder = :folder OR p.folder LIKE :folderPrefix ESCAPE '\\')`)
    params['folder'] = q.folder
    params['folderPrefix'] = `${likeEscape(q.folder)}/%`
  }
  if (q.overridden !== undefined) where.push(q.overridden ? `p.overrides <> '{}'` : `p.overrides = '{}'`)
  if (q.flag) where.push(q.flag === 'none' ? 'v.flag IS NULL' : `v.flag = '${q.flag === 'pick' ? 'pick' : 'reject'}'`)
  if (q.store) where.push(q.store === 'fails' ? `${STORE_CHECK} = 0` : `${STORE_CHECK} = 1`)
  if (q.text?.trim()) {
    where.push(`p.name LIKE :text ESCAPE '\\'`)
    params['text'] = `%${likeEscape(q.text.trim())}%`
  }
  const direction = q.descending ? 'DESC' : 'ASC'
  const order = ORDER[q.sort ?? 'folder']
    .split(', ')
    .map((term) => `${term} ${direction}`)
    .join(', ')
  const sql = `SELECT p.*, ${STATE} AS state FROM photos p
    LEFT JOIN review v ON v.photo_id = p.id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order}, p.id ${direction}`
  return { sql, params }
}

const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The photos a query lists: one range of them, every id in order, or how many there are. */
export class PhotoQueries {
  /** Prepared once per shape of query: a gallery asks the same few shapes over and over. */
  private readonly statements = new Map<string, Database.Statement>()

  constructor(
    private readonly db: Db,
    private readonly toPhoto: (row: never) => PhotoRow
  ) {}

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      if (this.statements.size > 64) this.statements.clear()
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  list(q: PhotoQuery, range: { offset: number; limit: number }): PhotoRow[] {
    const { sql, params } = build(q)
    return this.prepare(`${sql} LIMIT :limit OFFSET :offset`)
      .all({ ...params, limit: range.limit, offset: range.offset })
      .map((row) => this.toPhoto(row as never))
  }

  ids(q: PhotoQuery): number[] {
    const { sql, params } = build(q)
    return this.prepare(`SELECT id FROM (${sql})`).pluck().all(params) as number[]
  }

  count(q: PhotoQuery): number {
    const { sql, params } = build(q)
    return this.prepare(`SELECT count(*) FROM (${sql})`).pluck().get(params) as number
  }
}
