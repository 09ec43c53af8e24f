import type Database from 'better-sqlite3'
import type { Db } from './database'

const SPENT = 'budget.spent'
const SINCE = 'budget.since'

/**
 * What was spent against the budget cap since the user set or reset it, kept in the catalog: a new
 * run, a watched folder's arrivals and a restart all count on from it. Amounts are in credits, as the cap
 * is (a Photoroom image counts 5).
 */
export class BudgetCount {
  private readonly read: Database.Statement<[string], string>
  private readonly write: Database.Statement<[string, string]>
  private readonly addTo: Database.Statement<{ key: string; amount: number }>

  constructor(private readonly db: Db) {
    this.read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck()
    this.write = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    this.addTo = db.prepare(`INSERT INTO settings (key, value) VALUES (:key, :amount) ON CONFLICT (key) DO UPDATE SET value = CAST(value AS REAL) + :amount`)
  }

  /** Spent since `since` (ms since 1970; null before a cap was ever set). */
  get(): { spent: number; since: number | null } {
    const since = this.read.get(SINCE)
    return { spent: Number(this.read.get(SPENT) ?? 0), since: since === undefined ? null : Number(since) }
  }

  add(amount: number): void {
    if (amount > 0) this.addTo.run({ key: SPENT, amount })
  }

  /** Counting starts again from nothing, now. */
  reset(now = Date.now()): void {
    this.db.transaction(() => {
      this.write.run(SPENT, '0')
      this.write.run(SINCE, String(now))
    })()
  }
}
