import { extname } from 'node:path'
import type { Cost, ParamValues } from '../../shared/operations'
import type { Db } from './database'
import { noSuchPhoto } from './missing'
import { formatOfExtension } from '../../shared/images/formats'

/** What the provider said about one result besides the image (see api-notes: response headers worth keeping). */
export interface ResultFacts {
  uncertaintyScore?: number
  aiBackgroundSeed?: string
  textsDetected?: string
  /** Parameters the server ignored: shown as warnings. */
  unsupportedAttributes?: string[]
  editFurtherUrl?: string
  requestId?: string
  other?: Record<string, string>
}

export interface ResultOutput {
  /** Where the result was written for the user. */
  path: string
  /** This variant's own copy of the image: the file at `path` is written again when the photo is run again. */
  kept?: string
  format: string
  width?: number
  height?: number
}

export interface NewResult {
  photoId: number
  /** The engine's purchase key; null when unknown (results imported from session.json). */
  jobKey: string | null
  provider: string
  operation: string
  params: ParamValues
  cost: Cost
  sandbox: boolean
  facts: ResultFacts
  outputs: ResultOutput[]
}

export interface ResultRow extends NewResult {
  id: number
  createdAt: number
  facts: ResultFacts & { unsupportedAttributes: string[]; other: Record<string, string> }
}

interface Stored {
  id: number
  photo_id: number
  job_key: string | null
  provider: string
  operation: string
  params: string
  cost_amount: number
  cost_unit: Cost['unit']
  sandbox: 0 | 1
  created_at: number
  uncertainty_score: number | null
  ai_background_seed: string | null
  texts_detected: string | null
  unsupported_attributes: string
  edit_further_url: string | null
  request_id: string | null
  other_facts: string
}

interface StoredOutput {
  result_id: number
  path: string
  kept: string | null
  format: string
  width: number | null
  height: number | null
}

/** Optional facts: absent rather than null, as the provider reported them. */
function present<T extends object>(facts: T): T {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== null)) as T
}

function toResult(row: Stored, outputs: ResultOutput[]): ResultRow {
  return {
    id: row.id,
    photoId: row.photo_id,
    jobKey: row.job_key,
    provider: row.provider,
    operation: row.operation,
    params: JSON.parse(row.params) as ParamValues,
    cost: { amount: row.cost_amount, unit: row.cost_unit },
    sandbox: row.sandbox === 1,
    createdAt: row.created_at,
    facts: {
      ...present({
        uncertaintyScore: row.uncertainty_score,
        aiBackgroundSeed: row.ai_background_seed,
        textsDetected: row.texts_detected,
        editFurtherUrl: row.edit_further_url,
        requestId: row.request_id
      } as ResultFacts),
      unsupportedAttributes: JSON.parse(row.unsupported_attributes) as string[],
      other: JSON.parse(row.other_facts) as Record<string, string>
    },
    outputs
  }
}

function toOutput(row: StoredOutput): ResultOutput {
  return present({ path: row.path, kept: row.kept, format: row.format, width: row.width, height: row.height } as ResultOutput)
}

/** The file holding this output's image: its own copy, or (results from before copies were kept) the written file. */
export function imageOf(output: ResultOutput): string {
  return output.kept ?? output.path
}

/** Sorted keys at every level, so the same parameters are stored (and compared) as the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v
  )
}

interface StoredBought {
  photoId: number
  overrides: string
  contentHash: string
  keys: string
}

/** A photo with results: its overrides (JSON as stored), its bytes' hash, and the purchase keys of its results. */
export interface Bought {
  photoId: number
  overrides: string
  contentHash: string
  keys: ReadonlySet<string>
}

/** Every run of every photo, each a variant: a re-run or an A/B run adds a row and overwrites nothing. */
export class Results {
  private readonly insert
  private readonly insertOutput
  private readonly byId
  private readonly ofPhoto
  private readonly latest
  private readonly counts
  private readonly outputsOf
  private readonly boughtOfAll
  private readonly boughtOf
  private readonly proofs

  constructor(private readonly db: Db) {
    this.insert = db.prepare<Record<string, unknown>, Stored>(
      `INSERT INTO results (photo_id, job_key, provider, operation, params, cost_amount, cost_unit, sandbox, created_at,
         uncertainty_score, ai_background_seed, texts_detected, unsupported_attributes, edit_further_url, request_id, other_facts)
       VALUES (:photoId, :jobKey, :provider, :operation, :params, :costAmount, :costUnit, :sandbox, :createdAt,
         :uncertaintyScore, :aiBackgroundSeed, :textsDetected, :unsupportedAttributes, :editFurtherUrl, :requestId, :other)
       RETURNING *`
    )
    this.insertOutput = db.prepare<[number, number, string, string | null, string, number | null, number | null]>(
      'INSERT INTO result_outputs (result_id, idx, path, kept, format, width, height) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    this.byId = db.prepare<[number], Stored>('SELECT * FROM results WHERE id = ?')
    this.ofPhoto = db.prepare<[number], Stored>('SELECT * FROM results WHERE photo_id = ? ORDER BY id DESC')
    this.latest = db.prepare<[string], Stored>(
      'SELECT r.* FROM json_each(?) AS j JOIN results AS r ON r.id = (SELECT max(id) FROM results WHERE photo_id = j.value)'
    )
    this.counts = db.prepare<[string], { photo_id: number; n: number }>(
      'SELECT photo_id, count(*) AS n FROM results WHERE photo_id IN (SELECT value FROM json_each(?)) GROUP BY photo_id'
    )
    const bought = `SELECT p.id AS photoId, p.overrides, p.content_hash AS contentHash, group_concat(r.job_key, ' ') AS keys
       FROM photos AS p JOIN results AS r ON r.photo_id = p.id WHERE p.facts_state = 'ready' AND p.content_hash IS NOT NULL AND r.job_key IS NOT NULL`
    this.boughtOfAll = db.prepare<[], StoredBought>(`${bought} GROUP BY p.id`)
    this.boughtOf = db.prepare<[string], StoredBought>(`${bought} AND p.id IN (SELECT value FROM json_each(?)) GROUP BY p.id`)
    this.outputsOf = db.prepare<[string], StoredOutput>(
      'SELECT * FROM result_outputs WHERE result_id IN (SELECT value FROM json_each(?)) ORDER BY result_id, idx'
    )
    this.proofs = db.prepare<[string, number], number>('SELECT count(*) FROM results WHERE provider = ? AND sandbox = 1 AND created_at >= ?').pluck()
  }

  add(result: NewResult): ResultRow {
    try {
      return this.insertWithOutputs(result)
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw noSuchPhoto(result.photoId)
      throw error
    }
  }

  private insertWithOutputs(result: NewResult): ResultRow {
    const { facts } = result
    return this.db.transaction(() => {
      const row = this.insert.get({
        photoId: result.photoId,
        jobKey: result.jobKey,
        provider: result.provider,
        operation: result.operation,
        params: canonicalJson(result.params),
        costAmount: result.cost.amount,
        costUnit: result.cost.unit,
        sandbox: result.sandbox ? 1 : 0,
        createdAt: Date.now(),
        uncertaintyScore: facts.uncertaintyScore ?? null,
        aiBackgroundSeed: facts.aiBackgroundSeed ?? null,
        textsDetected: facts.textsDetected ?? null,
        unsupportedAttributes: JSON.stringify(facts.unsupportedAttributes ?? []),
        editFurtherUrl: facts.editFurtherUrl ?? null,
        requestId: facts.requestId ?? null,
        other: JSON.stringify(facts.other ?? {})
      })!
      result.outputs.forEach((o, i) => this.insertOutput.run(row.id, i, o.path, o.kept ?? null, o.format, o.width ?? null, o.height ?? null))
      return this.withOutputs([row])[0]!
    })()
  }

  result(id: number): ResultRow | undefined {
    return this.withOutputs(this.byId.all(id))[0]
  }

  /** Newest first. */
  ofPhotoNewestFirst(photoId: number): ResultRow[] {
    return this.withOutputs(this.ofPhoto.all(photoId))
  }

  /** Photos without a result are absent from the map. */
  latestOf(photoIds: readonly number[]): Map<number, ResultRow> {
    return new Map(this.withOutputs(this.latest.all(JSON.stringify(photoIds))).map((r) => [r.photoId, r]))
  }

  /** Every asked-for photo, 0 when it has no result. */
  countsOf(photoIds: readonly number[]): Map<number, number> {
    const counts = new Map(photoIds.map((id) => [id, 0]))
    for (const { photo_id, n } of this.counts.all(JSON.stringify(photoIds))) counts.set(photo_id, n)
    return counts
  }

  /**
   * These photos (all when none are named) whose bytes are known and that have results, with their
   * overrides (as stored) and the purchase keys of their results: what a run might reuse.
   */
  bought(photoIds?: readonly number[]): Bought[] {
    const rows = photoIds ? this.boughtOf.all(JSON.stringify(photoIds)) : this.boughtOfAll.all()
    return rows.map((r) => ({ photoId: r.photoId, overrides: r.overrides, contentHash: r.contentHash, keys: new Set(r.keys.split(' ')) }))
  }

  /** Proofs (results bought with a sandbox key) of a provider made since `since` (ms since 1970). */
  proofsSince(provider: string, since: number): number {
    return this.proofs.get(provider, since) ?? 0
  }

  private withOutputs(rows: Stored[]): ResultRow[] {
    const outputs = new Map<number, ResultOutput[]>(rows.map((r) => [r.id, []]))
    for (const o of this.outputsOf.all(JSON.stringify(rows.map((r) => r.id)))) outputs.get(o.result_id)!.push(toOutput(o))
    return rows.map((r) => toResult(r, outputs.get(r.id)!))
  }
}

/** An output's format from its file name, as sharp names formats: photo.JPG is "jpeg". */
export function formatOf(path: string): string {
  return formatOfExtension(extname(path)) ?? extname(path).slice(1).toLowerCase()
}
