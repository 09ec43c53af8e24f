import { basename, dirname, relative, resolve } from 'node:path'
import { scanInputs, type SkippedPath } from '../../engine'
import { PHOTO_NAME } from '../../shared/images/sniff-format'

/** A file found under what the user added, placed in the folder tree. */
export interface FoundPhoto {
  path: string
  /** What the user added: a folder, or the file itself. */
  root: string
  /** The folder inside `root` ('' at its top, or for a file added on its own). */
  folder: string
  name: string
  size: number
  mtimeMs: number
}

/**
 * Walks each added file or folder; junk, links that loop, and files not named as photos come back with
 * reasons. `within` places them in a folder already in the tree (a watched folder's new arrivals).
 */
export async function findPhotos(paths: string[], within?: string): Promise<{ found: FoundPhoto[]; skipped: SkippedPath[] }> {
  const found: FoundPhoto[] = []
  const skipped: SkippedPath[] = []
  for (const added of paths) {
    const root = within === undefined ? resolve(added) : resolve(within)
    const scan = await scanInputs([resolve(added)])
    skipped.push(...scan.skipped)
    for (const { path, size, mtimeMs } of scan.files) {
      // By name, as photo catalogs import: a folder's notes, sidecars and videos are not photos.
      if (!PHOTO_NAME.test(path)) {
        skipped.push({ path, reason: 'not a photo' })
        continue
      }
      found.push({ path, root, folder: path === root ? '' : relative(root, dirname(path)), name: basename(path), size, mtimeMs })
    }
  }
  return { found, skipped }
}

/** Where a photo's results go under the output folder: the added folder's own name, then its inner folders. */
export function outputDirFor(photo: { path: string; root: string; folder: string }): string {
  return photo.path === photo.root ? '' : [basename(photo.root), photo.folder].filter(Boolean).join('/')
}
