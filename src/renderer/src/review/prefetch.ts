import type { PhotoRow } from '../store/types'

const warmed = new Set<string>()

/** Asks the browser for the neighbours' previews ahead of time, so next and previous show at once. */
export function prefetchPreviews(rows: (PhotoRow | undefined)[]): void {
  for (const row of rows) {
    if (!row) continue
    const urls = [window.proofsheet.imageUrl({ kind: 'preview', photoId: row.id })]
    const shown = row.shownResult
    if (shown) urls.push(window.proofsheet.imageUrl({ kind: 'result-preview', resultId: shown.id, index: shown.output }))
    for (const url of urls) {
      if (warmed.has(url)) continue
      warmed.add(url)
      const image = new Image()
      image.decoding = 'async'
      image.src = url
    }
  }
}
