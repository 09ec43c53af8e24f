import type { PhotoRow } from '../store/types'

/** Decoded neighbours kept alive, so the browser does not drop them before they are shown. */
const KEPT = 12
const warmed = new Map<string, HTMLImageElement>()

/** Loads and decodes the neighbours' previews ahead of time, so next and previous show at once. */
export function prefetchPreviews(rows: (PhotoRow | undefined)[]): void {
  for (const row of rows) {
    if (!row) continue
    const urls = [window.proofsheet.imageUrl({ kind: 'preview', photoId: row.id })]
    const shown = row.shownResult
    if (shown) urls.push(window.proofsheet.imageUrl({ kind: 'result-preview', resultId: shown.id, index: shown.output }))
    for (const url of urls) {
      if (warmed.has(url)) continue
      const image = new Image()
      image.src = url
      image.decode().catch(() => warmed.delete(url))
      warmed.set(url, image)
      if (warmed.size > KEPT) warmed.delete(warmed.keys().next().value as string)
    }
  }
}
