export interface JournalRecord {
  at: string
  key: string
  file: string
  /** `outcome-unknown`: sent, and no answer (or a 200 whose body was lost): the provider may have charged it. */
  event: 'sending' | 'received' | 'failed' | 'outcome-unknown'
  detail?: string
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
    if (record.event === 'received') unknown.delete(record.key)
  }
  return new Map([...unknown, ...sent])
}
