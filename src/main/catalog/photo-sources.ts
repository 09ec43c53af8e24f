import type { Db } from './database'

/** Where a photo by web address came from: the address, the version its server named, its product's handle. */
export interface PhotoSource {
  url: string
  version?: string
  handle?: string
  /** Its place among its product's images in the product CSV (1 first). */
  position?: number
}

interface Stored {
  photo_id: number
  url: string
  version: string | null
  handle: string | null
  position: number | null
}

/** The web addresses of photos added by address (a list or a product CSV); photos from disk have none. */
export class PhotoSources {
  private readonly upsert
  private readonly ofIds

  constructor(db: Db) {
    this.upsert = db.prepare<[number, string, string | null, string | null, number | null]>(
      `INSERT INTO photo_sources (photo_id, url, version, handle, position) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (photo_id) DO UPDATE SET url = excluded.url, version = excluded.version, handle = excluded.handle, position = excluded.position`
    )
    this.ofIds = db.prepare<[string], Stored>('SELECT * FROM photo_sources WHERE photo_id IN (SELECT value FROM json_each(?))')
  }

  set(photoId: number, source: PhotoSource): void {
    this.upsert.run(photoId, source.url, source.version ?? null, source.handle ?? null, source.position ?? null)
  }

  /** Only the photos that have one are in the map. */
  of(photoIds: readonly number[]): Map<number, PhotoSource> {
    return new Map(
      this.ofIds.all(JSON.stringify(photoIds)).map((r) => [r.photo_id, { url: r.url, ...(r.version ? { version: r.version } : {}), ...(r.handle ? { handle: r.handle } : {}), ...(r.position ? { position: r.position } : {}) }])
    )
  }
}
