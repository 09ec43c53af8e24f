import type { Db } from './database'

/** A photo's chosen output, checked against a marketplace's image rules. */
export interface StoreCheckRow {
  photoId: number
  resultId: number
  output: number
  /** The rule's name as the user knows it: "Amazon". */
  rule: string
  passed: boolean
  /** Plain sentences, one per failed rule; empty when it passed. */
  reasons: string[]
  checkedAt: number
}

interface Stored {
  photo_id: number
  result_id: number
  output: number
  rule: string
  passed: 0 | 1
  reasons: string
  checked_at: number
}

function toCheck(row: Stored): StoreCheckRow {
  return { photoId: row.photo_id, resultId: row.result_id, output: row.output, rule: row.rule, passed: row.passed === 1, reasons: JSON.parse(row.reasons) as string[], checkedAt: row.checked_at }
}

/** The last store check of each photo: a new check replaces the old one. */
export class StoreChecks {
  private readonly upsert
  private readonly many

  constructor(private readonly db: Db) {
    this.upsert = db.prepare<[number, number, number, string, number, string, number]>(
      `INSERT INTO store_checks (photo_id, result_id, output, rule, passed, reasons, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (photo_id) DO UPDATE SET result_id = excluded.result_id, output = excluded.output, rule = excluded.rule,
         passed = excluded.passed, reasons = excluded.reasons, checked_at = excluded.checked_at`
    )
    this.many = db.prepare<[string], Stored>('SELECT * FROM store_checks WHERE photo_id IN (SELECT value FROM json_each(?))')
  }

  save(checks: readonly Omit<StoreCheckRow, 'checkedAt'>[]): void {
    const now = Date.now()
    this.db.transaction(() => {
      for (const c of checks) this.upsert.run(c.photoId, c.resultId, c.output, c.rule, c.passed ? 1 : 0, JSON.stringify(c.reasons), now)
    })()
  }

  of(photoIds: readonly number[]): Map<number, StoreCheckRow> {
    return new Map(this.many.all(JSON.stringify(photoIds)).map((row) => [row.photo_id, toCheck(row)]))
  }
}
