import { extname } from 'node:path'
import type { Catalog } from '../catalog/catalog'
import type { Thumbnails } from './thumbnails'

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.heif': 'image/heif'
}

export type ImageFile = { status: 200; path: string; type: string } | { status: 404 }

/**
 * Turns an image address (`thumb/<photo>`, `original/<photo>`, `result/<result>/<n>`) into a file main
 * may serve. Only photos in the catalog and the results written for them resolve: a renderer that
 * asks for anything else, a path included, gets 404.
 */
export async function resolveImage(address: string, catalog: Catalog, thumbnails: Thumbnails): Promise<ImageFile> {
  const [kind, rawId, rawIndex, ...rest] = address.replace(/^\/+/, '').split('/')
  if (!kind || !rawId || !/^\d+$/.test(rawId) || rest.length) return { status: 404 }
  const id = Number(rawId)
  try {
    if (kind === 'result' && rawIndex !== undefined && /^\d+$/.test(rawIndex)) {
      const output = catalog.result(id)?.outputs[Number(rawIndex)]
      return output ? file(output.path) : { status: 404 }
    }
    const photo = rawIndex === undefined ? catalog.photo(id) : undefined
    if (!photo) return { status: 404 }
    if (kind === 'thumb') return file(await thumbnails.pathFor(photo))
    if (kind === 'original') return file(photo.path)
  } catch {
    // The file moved or vanished since it was added: the same answer as an unknown image.
  }
  return { status: 404 }
}

function file(path: string): ImageFile {
  return { status: 200, path, type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' }
}
