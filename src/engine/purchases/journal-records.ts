/** One image of a paid answer as written for the owner: where it goes (empty when no place was planned), and enough to know the file still holds it. */
export interface PaidOutput {
  path: string
  extension: string
  bytes: number
  sha256: string
}

export interface JournalRecord {
  at: string
  key: string
  file: string
  /**
   * `outcome-unknown`: sent, and no answer (or a 200 whose body was lost): the provider may have charged it.
   * `lost`: paid, and no result was had or kept (an answer refused at the provider edge, nothing could be saved).
   */
  event: 'sending' | 'received' | 'failed' | 'outcome-unknown' | 'lost'
  detail?: string
  /**
   * `received`: where the answer goes, noted before it is written there (noted again, before its bytes
   * go into the cache, when it landed elsewhere or nowhere: then empty), so a purchase whose cache entry
   * could not be made (a full disk, a crash) is found again there by its hashes.
   */
  outputs?: PaidOutput[]
  /** `received`: the answer's facts (seeds, scores) and warnings, kept with where it was written. */
  metadata?: Record<string, string>
  warnings?: string[]
}

/** Every whole record; a torn or foreign line is skipped. */
export function parseRecords(text: string): JournalRecord[] {
  const records: JournalRecord[] = []
  for (const line of text.split('\n')) {
    try {
      const record = JSON.parse(line) as JournalRecord
      if (record && typeof record.key === 'string') records.push(record)
    } catch {
      continue
    }
  }
  return records
}

/**
 * Keys that may have been charged without their result arriving: sent and never answered (the
 * process died mid-request), or noted as outcome unknown and never received since.
 */
export function openQuestions(records: readonly JournalRecord[]): Map<string, JournalRecord> {
  const sent = new Map<string, JournalRecord>()
  const unknown = new Map<string, JournalRecord>()
  for (const record of records) {
    if (record.event === 'sending') sent.set(record.key, record)
    else sent.delete(record.key)
    if (record.event === 'outcome-unknown') unknown.set(record.key, record)
    if (record.event === 'received' || record.event === 'lost') unknown.delete(record.key)
  }
  return new Map([...unknown, ...sent])
}

/**
 * The last word on each key paid for since records carried outputs: `received` with where it was
 * written, or `lost`. What a later run falls back on when the cache holds no result for the key.
 */
export function paidRecords(records: readonly JournalRecord[]): Map<string, JournalRecord> {
  const paid = new Map<string, JournalRecord>()
  for (const record of records) if (record.event === 'lost' || (record.event === 'received' && record.outputs)) paid.set(record.key, record)
  return paid
}
