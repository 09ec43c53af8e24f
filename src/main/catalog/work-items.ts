import type Database from 'better-sqlite3'
import { LeasedWrites, type NewWorkItem, type WorkItem, type WorkStore } from '../../engine'
import { FINAL_STATES, type Job, type JobState } from '../../shared/jobs'
import type { Db } from './database'

interface Row {
  id: number
  run: string
  spec: string
  priority: number
  max_cost: number
  job: string
  lease_owner: string | null
  lease_until: number | null
}

const FINAL = `(${[...FINAL_STATES].map((s) => `'${s}'`).join(', ')})`
/** Queued, or left unfinished by a worker whose lease ran out. */
const TAKEABLE = `(state = 'queued' AND lease_owner IS NULL) OR (lease_owner IS NOT NULL AND lease_until < :now AND state NOT IN ${FINAL} AND state <> 'held')`

function toItem(row: Row): WorkItem {
  return {
    id: String(row.id),
    run: row.run,
    spec: JSON.parse(row.spec) as WorkItem['spec'],
    priority: row.priority,
    maxCost: row.max_cost,
    job: JSON.parse(row.job) as Job,
    ...(row.lease_owner ? { lease: { worker: row.lease_owner, until: row.lease_until ?? 0 } } : {})
  }
}

/**
 * The app's work store, in the catalog: items survive a crash, a worker killed mid-run leaves its
 * leases to expire and its items to be taken again, and the gallery reads each photo's state from
 * its latest item. Every call is one statement or one transaction; `changes` are heard in this process.
 */
export class SqliteWorkStore extends LeasedWrites implements WorkStore {
  private readonly listeners = new Set<(items: WorkItem[]) => void>()
  private readonly insert: Database.Statement
  private readonly byId: Database.Statement<[number], Row>
  private readonly takeable: Database.Statement<{ now: number; n: number }, Row>
  private readonly writeJob: Database.Statement
  private readonly claim: Database.Statement

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now
  ) {
    super()
    this.insert = db.prepare(`INSERT INTO work_items (run, photo_id, spec, priority, max_cost, state, job, created_at)
      VALUES (:run, (SELECT id FROM photos WHERE id = :photo), :spec, :priority, :maxCost, :state, :job, :now)`)
    this.byId = db.prepare('SELECT * FROM work_items WHERE id = ?')
    this.takeable = db.prepare(`SELECT * FROM work_items WHERE ${TAKEABLE} ORDER BY priority DESC, id LIMIT :n`)
    this.writeJob = db.prepare(`UPDATE work_items SET job = :job, state = :state, maybe_charged = coalesce(:charged, maybe_charged),
      lease_owner = CASE WHEN :final THEN NULL ELSE lease_owner END, lease_until = CASE WHEN :final THEN NULL ELSE lease_until END
      WHERE id = :id AND lease_owner = :worker`)
    // SET NX with an expiry: taken when free, expired, or already this worker's.
    this.claim = db.prepare(`INSERT INTO purchase_claims (key, owner, until) VALUES (:key, :worker, :until)
      ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, until = excluded.until WHERE purchase_claims.until < :now OR purchase_claims.owner = excluded.owner`)
  }

  async enqueue(items: readonly NewWorkItem[]): Promise<WorkItem[]> {
    const now = this.now()
    const ids = this.db.transaction(() => items.map((item) => this.insertItem(item, now)))()
    return this.changed(ids)
  }

  /**
   * Items worked on elsewhere (the team queue) and followed here: each is added already leased to its
   * owner, for good, so this store's own worker never takes it; the owner writes its job as it changes.
   */
  async enqueueFollowed(items: readonly { item: NewWorkItem; owner: string }[]): Promise<WorkItem[]> {
    const now = this.now()
    const ids = this.db.transaction(() =>
      items.map(({ item, owner }) => {
        const id = this.insertItem(item, now)
        this.db.prepare('UPDATE work_items SET lease_owner = ?, lease_until = ? WHERE id = ?').run(owner, Number.MAX_SAFE_INTEGER, id)
        return id
      })
    )()
    return this.changed(ids)
  }

  private insertItem(item: NewWorkItem, now: number): number {
    const job: Job = item.held ? { ref: item.spec.ref, file: item.spec.path, state: 'held', attempts: 0 } : { ref: item.spec.ref, file: item.spec.path, state: 'queued', attempts: 0 }
    const photo = /^\d+$/.test(item.spec.ref) ? Number(item.spec.ref) : null
    return Number(this.insert.run({ run: item.run, photo, spec: JSON.stringify(item.spec), priority: item.priority, maxCost: item.maxCost, state: job.state, job: JSON.stringify(job), now }).lastInsertRowid)
  }

  async lease(worker: string, n: number, ttlMs: number): Promise<WorkItem[]> {
    const now = this.now()
    const ids = this.db.transaction(() => {
      const rows = this.takeable.all({ now, n: Math.max(0, n) })
      for (const row of rows) {
        const job = { ...(JSON.parse(row.job) as Job), state: 'queued' as const, reason: undefined }
        this.db.prepare('UPDATE work_items SET lease_owner = ?, lease_until = ?, state = ?, job = ? WHERE id = ?').run(worker, now + ttlMs, 'queued', JSON.stringify(job), row.id)
      }
      return rows.map((r) => r.id)
    }).immediate()
    return this.changed(ids)
  }

  async heartbeat(worker: string, ttlMs: number): Promise<void> {
    const now = this.now()
    this.db.prepare('UPDATE work_items SET lease_until = ? WHERE lease_owner = ? AND lease_until >= ?').run(now + ttlMs, worker, now)
    this.db.prepare('UPDATE purchase_claims SET until = ? WHERE owner = ?').run(now + ttlMs, worker)
  }

  protected async write(id: string, worker: string, job: Job, final: boolean): Promise<void> {
    const done = this.writeJob.run({ id: Number(id), worker, job: JSON.stringify(job), state: job.state, charged: job.maybeCharged ?? null, final: final ? 1 : 0 })
    if (done.changes) this.changed([Number(id)])
  }

  async release(worker: string, ids?: readonly string[]): Promise<void> {
    const rows = this.db.prepare<[string], Row>('SELECT * FROM work_items WHERE lease_owner = ?').all(worker).filter((r) => !ids || ids.includes(String(r.id)))
    this.db.transaction(() => {
      for (const row of rows) {
        const job = { ...(JSON.parse(row.job) as Job), state: 'queued' as const, reason: undefined }
        this.db.prepare(`UPDATE work_items SET lease_owner = NULL, lease_until = NULL, state = 'queued', job = ? WHERE id = ?`).run(JSON.stringify(job), row.id)
      }
    })()
    this.changed(rows.map((r) => r.id))
  }

  async cancelWaiting(reason: string, run?: string): Promise<WorkItem[]> {
    const now = this.now()
    const rows = this.db.prepare<{ now: number; run: string | null }, Row>(`SELECT * FROM work_items WHERE (${TAKEABLE} OR state = 'held') AND (:run IS NULL OR run = :run)`).all({ now, run: run ?? null })
    this.db.transaction(() => {
      for (const row of rows) {
        const job = { ...(JSON.parse(row.job) as Job), state: 'cancelled' as const, reason }
        this.db.prepare(`UPDATE work_items SET lease_owner = NULL, lease_until = NULL, state = 'cancelled', job = ? WHERE id = ?`).run(JSON.stringify(job), row.id)
      }
    })()
    return this.changed(rows.map((r) => r.id))
  }

  async held(): Promise<WorkItem[]> {
    return this.db.prepare<[], Row>(`SELECT * FROM work_items WHERE state = 'held' ORDER BY id`).all().map(toItem)
  }

  async unhold(ids: readonly string[]): Promise<void> {
    const released = this.db.transaction(() =>
      ids.filter((id) => {
        const row = this.byId.get(Number(id))
        if (!row || row.job === undefined || JSON.parse(row.job).state !== 'held') return false
        const job = { ...(JSON.parse(row.job) as Job), state: 'queued' as const, reason: undefined }
        this.db.prepare(`UPDATE work_items SET state = 'queued', job = ? WHERE id = ?`).run(JSON.stringify(job), row.id)
        return true
      })
    )()
    this.changed(released.map(Number))
  }

  async items(run?: string): Promise<WorkItem[]> {
    return this.db.prepare<{ run: string | null }, Row>('SELECT * FROM work_items WHERE :run IS NULL OR run = :run ORDER BY id').all({ run: run ?? null }).map(toItem)
  }

  async counts(run?: string): Promise<Partial<Record<JobState, number>>> {
    const rows = this.db.prepare<{ run: string | null }, { state: JobState; n: number }>('SELECT state, count(*) AS n FROM work_items WHERE :run IS NULL OR run = :run GROUP BY state').all({ run: run ?? null })
    return Object.fromEntries(rows.map((r) => [r.state, r.n]))
  }

  changes(listener: (items: WorkItem[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async claimPurchase(key: string, worker: string, ttlMs: number): Promise<boolean> {
    const now = this.now()
    return this.claim.run({ key, worker, until: now + ttlMs, now }).changes === 1
  }

  async releasePurchase(key: string, worker: string): Promise<void> {
    this.db.prepare('DELETE FROM purchase_claims WHERE key = ? AND owner = ?').run(key, worker)
  }

  /** Runs that still have items not ended: a run left by a process that stopped without finishing it. */
  unfinishedRuns(): string[] {
    return this.db.prepare<[], string>(`SELECT DISTINCT run FROM work_items WHERE state NOT IN ${FINAL}`).pluck().all()
  }

  /** Each of these photos' latest job, with a "may have been charged" notice not yet cleared or dismissed. */
  latestJobs(photoIds?: readonly number[]): Job[] {
    const rows = this.db
      .prepare<{ ids: string | null }, { job: string; notice: string | null }>(
        `SELECT w.job, (SELECT n.maybe_charged FROM work_items n WHERE n.photo_id = w.photo_id AND n.maybe_charged IS NOT NULL AND n.dismissed = 0
           AND n.id >= coalesce((SELECT max(d.id) FROM work_items d WHERE d.photo_id = w.photo_id AND d.state IN ('done', 'reused')), 0) ORDER BY n.id DESC LIMIT 1) AS notice
         FROM work_items w WHERE w.id IN (SELECT max(id) FROM work_items WHERE photo_id IS NOT NULL AND (:ids IS NULL OR photo_id IN (SELECT value FROM json_each(:ids))) GROUP BY photo_id)`
      )
      .all({ ids: photoIds ? JSON.stringify(photoIds) : null })
    return rows.map((r) => {
      const { maybeCharged: _old, ...job } = JSON.parse(r.job) as Job
      return r.notice ? { ...job, maybeCharged: r.notice } : job
    })
  }

  /** Photos whose latest job failed or was skipped, with those jobs: Needs attention survives a restart. */
  needingAttention(most: number): Job[] {
    const ids = this.db
      .prepare<[number], number>(
        `SELECT w.photo_id FROM work_items w WHERE w.id IN (SELECT max(id) FROM work_items WHERE photo_id IS NOT NULL GROUP BY photo_id)
           AND w.state IN ('failed', 'blocked', 'skipped') ORDER BY w.id DESC LIMIT ?`
      )
      .pluck()
      .all(most)
    return ids.length ? this.latestJobs(ids) : []
  }

  /**
   * Items that ended with a result their photo has no record of: the catalog refused the write (a full
   * disk, a damaged file) after it was paid for. Oldest first, to be recorded again.
   */
  unrecorded(): WorkItem[] {
    return this.db
      .prepare<[], Row>(
        `SELECT w.* FROM work_items w WHERE w.state IN ('done', 'reused') AND w.photo_id IS NOT NULL
           AND json_extract(w.job, '$.key') IS NOT NULL AND coalesce(json_array_length(w.job, '$.outputs'), 0) > 0
           AND NOT EXISTS (SELECT 1 FROM results r WHERE r.photo_id = w.photo_id AND r.job_key = json_extract(w.job, '$.key'))
         ORDER BY w.id`
      )
      .all()
      .map(toItem)
  }

  /** The user has read a photo's "may have been charged" notice. */
  dismissNotices(photoId: number): void {
    this.db.prepare('UPDATE work_items SET dismissed = 1 WHERE photo_id = ? AND maybe_charged IS NOT NULL').run(photoId)
  }

  private changed(ids: readonly number[]): WorkItem[] {
    const items = ids.flatMap((id) => {
      const row = this.byId.get(id)
      return row ? [toItem(row)] : []
    })
    if (items.length) for (const listener of this.listeners) listener(items)
    return items
  }
}
