import type { CatalogSummary, EmitEvent, PhotoRow } from '../../shared/ipc/contract'
import { Coalescer } from '../ipc/coalescer'

export interface PhotoReader {
  rows(ids: number[]): PhotoRow[]
  summary(): CatalogSummary
}

/**
 * What the window hears about photos: changed and removed rows by id, and the catalog's summary when
 * photos come or go. Both are coalesced, so adding ten thousand photos or reading their facts in the
 * background is a handful of small messages, never the whole library.
 */
export class PhotoEvents {
  private readonly rows: Coalescer<number, 'changed' | 'removed'>
  private readonly summary: Coalescer<'summary', true>

  constructor(emit: EmitEvent, read: PhotoReader) {
    this.rows = new Coalescer((items) => {
      const ids = (what: 'changed' | 'removed'): number[] => [...items].flatMap(([id, change]) => (change === what ? [id] : []))
      // Rows are read when the message goes, so they are as fresh as they can be.
      emit('photos', { changed: read.rows(ids('changed')), removed: ids('removed') })
    })
    this.summary = new Coalescer(() => emit('catalog', read.summary()))
  }

  changed(ids: Iterable<number>): void {
    for (const id of ids) this.rows.push(id, 'changed')
  }

  removed(ids: Iterable<number>): void {
    for (const id of ids) this.rows.push(id, 'removed')
  }

  /** The count, the folder tree, the photos still being read, or the list's version changed. */
  summaryChanged(): void {
    this.summary.push('summary', true)
  }

  flush(): void {
    this.summary.flush()
    this.rows.flush()
  }
}
