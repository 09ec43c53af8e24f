import { extname } from 'node:path'
import type { Library } from '../library/library'
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
 * Turns an image address (`thumb/<id>`, `original/<id>`, `result/<id>/<n>`) into a file main may
 * serve. Only photos in the library and the results written for them resolve: a renderer that
 * asks for anything else, a path included, gets 404.
 */
export async function resolveImage(address: string, library: Library, thumbnails: Thumbnails): Promise<ImageFile> {
  const [kind, rawId, rawIndex, ...rest] = address.replace(/^\/+/, '').split('/')
  if (!kind || !rawId || rest.length) return { status: 404 }
  const image = library.get(decodeURIComponent(rawId))
  if (!image) return { status: 404 }
  try {
    if (kind === 'thumb' && rawIndex === undefined) return file(await thumbnails.pathFor(image))
    if (kind === 'original' && rawIndex === undefined) return file(image.path)
    if (kind === 'result' && rawIndex !== undefined && /^\d+$/.test(rawIndex)) {
      const output = library.lastJob(image.id)?.outputPaths?.[Number(rawIndex)]
      return output ? file(output) : { status: 404 }
    }
  } catch {
    // The file moved or vanished since it was added: the same answer as an unknown image.
  }
  return { status: 404 }
}

function file(path: string): ImageFile {
  return { status: 200, path, type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' }
}
