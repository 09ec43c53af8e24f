import sharp, { type Sharp } from 'sharp'
import { RenderCache } from './render-cache'

/** Long edge of a loupe preview: sharp on a large screen, small enough to show next/previous at once. */
export const PREVIEW_EDGE = 2048

/**
 * Screen-sized previews for the loupe: photos turned upright as JPEG (quick to make and to decode),
 * results as WebP so their transparency survives. Full-size files are only read when the user zooms
 * to 100 %.
 */
export class Previews {
  private readonly photos: RenderCache
  private readonly results: RenderCache

  constructor(dir: string) {
    this.photos = new RenderCache(dir, 'jpg')
    this.results = new RenderCache(dir, 'webp')
  }

  photo(path: string): Promise<string> {
    return this.photos.pathFor('photo-preview', [path], () => shrink(path).jpeg({ quality: 88, mozjpeg: false }).toBuffer())
  }

  /** The lowest WebP effort: a preview is made once per result, but the user is waiting for it. */
  result(path: string): Promise<string> {
    return this.results.pathFor('result-preview', [path], () => shrink(path).webp({ quality: 90, alphaQuality: 90, effort: 0 }).toBuffer())
  }
}

function shrink(path: string): Sharp {
  return sharp(path).rotate().resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: 'inside', withoutEnlargement: true })
}
