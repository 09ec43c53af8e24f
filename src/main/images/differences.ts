import type { Catalog } from '../catalog/catalog'
import { imageOf } from '../catalog/results'
import { differenceOverlay } from './difference'
import type { Previews } from './previews'
import { RenderCache } from './render-cache'

/** Formats that can hold transparency: a result in one of them may be a cut-out. */
const MAY_BE_CUT_OUT = new Set(['png', 'webp', 'avif'])
/** Other results looked at for a cut-out, newest first. */
const CUT_OUTS = 3
/** Reasons remembered, so a result that cannot be compared is not analysed again each time it is shown. */
const REMEMBERED = 200

const UNREADABLE = 'Proofsheet cannot open the original or this result as a picture here, so it cannot compare them.'

class NoDifference extends Error {}

/**
 * Each result's difference from its photo, made from the two previews the loupe shows (upright and
 * screen-sized), cached on disk like them; or the reason it cannot be made, remembered in memory.
 */
export class Differences {
  private readonly cache: RenderCache
  private readonly reasons = new Map<string, string>()

  constructor(
    private readonly catalog: Catalog,
    private readonly previews: Previews,
    dir: string
  ) {
    this.cache = new RenderCache(dir, 'png')
  }

  /** The overlay's file, or why there is none; undefined when the result or its photo is not in the catalog. */
  async of(resultId: number, index: number): Promise<{ path: string } | { reason: string } | undefined> {
    const result = this.catalog.result(resultId)
    const output = result?.outputs[index]
    const photo = result && this.catalog.photo(result.photoId)
    if (!result || !output || !photo) return undefined
    const previews = await Promise.all([this.previews.photo(photo.path), this.previews.result(imageOf(output))]).catch(() => undefined)
    if (!previews) return { reason: UNREADABLE }
    const [original, image] = previews
    const key = `${original}\0${image}`
    const known = this.reasons.get(key)
    if (known) return { reason: known }
    try {
      return { path: await this.cache.pathFor('difference', [original, image], () => this.render(original, image, photo.id, resultId)) }
    } catch (error) {
      if (!(error instanceof NoDifference)) throw error
      if (this.reasons.size >= REMEMBERED) this.reasons.delete(this.reasons.keys().next().value!)
      this.reasons.set(key, error.message)
      return { reason: error.message }
    }
  }

  private async render(original: string, image: string, photoId: number, resultId: number): Promise<Buffer> {
    const others = this.catalog
      .results(photoId)
      .filter((r) => r.id !== resultId)
      .flatMap((r) => r.outputs.filter((o) => MAY_BE_CUT_OUT.has(o.format)))
      .slice(0, CUT_OUTS)
    const cutOuts = await Promise.all(others.map((o) => this.previews.result(imageOf(o)).catch(() => undefined)))
    const difference = await differenceOverlay(original, image, cutOuts.filter((path) => path !== undefined))
    if ('reason' in difference) throw new NoDifference(difference.reason)
    return difference.overlay
  }
}
