import sharp, { type Sharp } from 'sharp'
import { RenderCache } from './render-cache'

/** Long edge of a loupe preview: sharp on a large screen, small enough to show next/previous at once. */
export const PREVIEW_EDGE = 2048

/**
 * Screen-sized previews for the loupe: photos turned upright as JPEG, results as WebP so their
 * transparency survives. Full-size files are only read when the user zooms to 100 %.
 */
export class Previews {
  private readonly cache: RenderCache

  constructor(dir: string) {
    this.cache = new RenderCache(dir, 'webp')
  }

  photo(path: string): Promise<string> {
    return this.cache.pathFor('photo-preview', [path], () => shrink(path).webp({ quality: 88 }).toBuffer())
  }

  result(path: string): Promise<string> {
    return this.cache.pathFor('result-preview', [path], () => shrink(path).webp({ quality: 92, alphaQuality: 100 }).toBuffer())
  }
}

function shrink(path: string): Sharp {
  return sharp(path).rotate().resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: 'inside', withoutEnlargement: true })
}
