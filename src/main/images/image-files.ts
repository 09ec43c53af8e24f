import { extname, join } from 'node:path'
import type { Catalog } from '../catalog/catalog'
import { Differences } from './differences'
import { Previews } from './previews'
import { Thumbnails } from './thumbnails'
import { imageOf } from '../catalog/results'
import { FORMATS, formatOfExtension } from '../../shared/images/formats'

export type ImageFile = { status: 200; path: string; type: string } | { status: 404 }

const PHOTO_KINDS = new Set(['thumb', 'preview', 'original'])
const RESULT_KINDS = new Set(['result', 'result-thumb', 'result-preview', 'difference'])

/**
 * Turns an image address (`thumb/<photo>`, `preview/<photo>`, `original/<photo>`, `result/<result>/<n>`,
 * `result-preview/<result>/<n>`, `difference/<result>/<n>`) into a file main may serve. Only photos in
 * the catalog and the results written for them resolve: a renderer that asks for anything else, a path
 * included, gets 404.
 */
export class ImageFiles {
  readonly thumbnails: Thumbnails
  private readonly previews: Previews
  readonly differences: Differences

  constructor(
    private readonly catalog: Catalog,
    cacheDir: string
  ) {
    this.thumbnails = new Thumbnails(join(cacheDir, 'thumbnails'))
    this.previews = new Previews(join(cacheDir, 'previews'))
    this.differences = new Differences(catalog, this.previews, join(cacheDir, 'differences'))
  }

  async resolve(address: string): Promise<ImageFile> {
    const [kind = '', rawId = '', rawIndex, ...rest] = address.replace(/^\/+/, '').split('/')
    if (!/^\d+$/.test(rawId) || rest.length) return { status: 404 }
    try {
      if (PHOTO_KINDS.has(kind) && rawIndex === undefined) return await this.photoFile(kind, Number(rawId))
      if (RESULT_KINDS.has(kind) && rawIndex !== undefined && /^\d+$/.test(rawIndex)) return await this.resultFile(kind, Number(rawId), Number(rawIndex))
    } catch {
      // The file moved or vanished since it was added: the same answer as an unknown image.
    }
    return { status: 404 }
  }

  private async photoFile(kind: string, id: number): Promise<ImageFile> {
    const photo = this.catalog.photo(id)
    if (!photo) return { status: 404 }
    if (kind === 'thumb') return file(await this.thumbnails.pathFor(photo))
    if (kind === 'preview') return file(await this.previews.photo(photo.path))
    return file(photo.path)
  }

  private async resultFile(kind: string, id: number, index: number): Promise<ImageFile> {
    const result = this.catalog.result(id)
    const output = result?.outputs[index]
    if (!result || !output) return { status: 404 }
    const image = imageOf(output)
    if (kind === 'result') return file(image)
    if (kind === 'result-thumb') return file(await this.thumbnails.pathFor({ ...output, path: image }))
    if (kind === 'result-preview') return file(await this.previews.result(image))
    // No overlay when the product cannot be compared: the window asks `differenceOf` why.
    const difference = await this.differences.of(id, index)
    return difference && 'path' in difference ? file(difference.path) : { status: 404 }
  }
}

function file(path: string): ImageFile {
  return { status: 200, path, type: mimeOfFile(path) }
}

function mimeOfFile(path: string): string {
  const format = formatOfExtension(extname(path))
  return format ? FORMATS[format].mime : 'application/octet-stream'
}
