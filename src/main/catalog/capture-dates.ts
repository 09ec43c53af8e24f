import type { Db } from './database'

/**
 * When each photo was taken, for the date sort: read once per photo from its EXIF, in the background,
 * after its facts; null when the file does not say (the sort then uses the file's date).
 */
export class CaptureDates {
  private readonly undated
  private readonly write

  constructor(db: Db) {
    this.undated = db.prepare<[number], { id: number; path: string }>(`SELECT id, path FROM photos WHERE facts_state = 'ready' AND capture_read = 0 ORDER BY id LIMIT ?`)
    this.write = db.prepare<[number | null, number]>('UPDATE photos SET captured_at = ?, capture_read = 1 WHERE id = ?')
  }

  /** Readable photos whose capture date has not been looked for yet. */
  unread(limit: number): { id: number; path: string }[] {
    return this.undated.all(limit)
  }

  /** A photo removed meanwhile changes nothing. */
  set(id: number, capturedAt: number | null): void {
    this.write.run(capturedAt, id)
  }
}
