import { realpath } from 'node:fs/promises'
import { dirname, extname, join } from 'node:path'
import { inside } from '../../engine'
import type { Catalog } from '../catalog/catalog'
import { Differences } from './differences'
import { Previews } from './previews'
import { Thumbnails } from './thumbnails'
import { imageOf } from '../catalog/results'
import { FORMATS, formatOfExtension } from '../../shared/images/formats'

export type ImageFile = { status: 200; path: string; type: string } | { status: 404 }

/**
 * The real path of a file to serve, when it lies inside the real path of the folder it belongs to;
 * null when it does not: a photo replaced by a link to another file is not that file's way out.
 */
async function servable(path: string, root: string): Promise<string | null> {
  const [real, realRoot] = await Promise.all([realpath(path), realpath(root)])
  return inside(real, realRoot) ? real : null
}

/** The folder a photo belongs to: the one the user added, or the folder of a photo added alone. */
const photoRoot = (photo: { path: string; root: string }): string => (photo.path === photo.root ? dirname(photo.root) : photo.root)

const PHOTO_KINDS = new Set(['thumb', 'preview', 'original'])
const RESULT_KINDS = new Set(['result', 'result-thumb', 'result-preview', 'difference'])

/**
 * Turns an image address (`thumb/<photo>`, `preview/<photo>`, `original/<photo>`, `result/<result>/<n>`,
 * `result-preview/<result>/<n>`, `difference/<result>/<n>`) into a file main may serve. Only photos in
 * the catalog and the results written for them resolve: a renderer that asks for anything else, a path
 * included, gets 404. Files are served by their real path, and only while it lies inside their folder
 * (the one added, the output's, the app's state folder), as adding a folder follows only links that stay inside.
 */
export class ImageFiles {
  readonly thumbnails: Thumbnails
  private readonly previews: Previews
  readonly differences: Differences

  constructor(
    private readonly catalog: Catalog,
    private readonly cacheDir: string
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
    const found = this.catalog.photo(id)
    const real = found && (await servable(found.path, photoRoot(found)))
    if (!found || !real) return { status: 404 }
    const photo = { ...found, path: real }
    if (kind === 'thumb') return file(await this.thumbnails.pathFor(photo))
    if (kind === 'preview') return file(await this.previews.photo(photo.path))
    return file(photo.path)
  }

  private async resultFile(kind: string, id: number, index: number): Promise<ImageFile> {
    const result = this.catalog.result(id)
    const output = result?.outputs[index]
    if (!result || !output) return { status: 404 }
    // The app's own copy lives in the state folder; a written result, in its output folder.
    const image = await servable(imageOf(output), output.kept ? this.cacheDir : dirname(output.path))
    if (!image) return { status: 404 }
    if (kind === 'result') return file(image)
    if (kind === 'result-thumb') return file(await this.thumbnails.pathFor({ ...output, path: image }))
    if (kind === 'result-preview') return file(await this.previews.result(image))
    // The original must be servable too: the overlay is made from it.
    const photo = this.catalog.photo(result.photoId)
    if (!photo || !(await servable(photo.path, photoRoot(photo)))) return { status: 404 }
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
