import { basename, dirname, relative, resolve } from 'node:path'
import { scanInputs, type SkippedPath } from '../../engine'
import { PHOTO_NAME } from '../../shared/images/formats'
import type { NewPhoto } from '../catalog/photos'

/**
 * Walks each added file or folder; junk, links that loop, and files not named as photos come back with
 * reasons. `within` places them in a folder already in the tree (a watched folder's new arrivals).
 */
export async function findPhotos(paths: string[], within?: string): Promise<{ found: NewPhoto[]; skipped: SkippedPath[] }> {
  const found: NewPhoto[] = []
  const skipped: SkippedPath[] = []
  for (const added of paths) {
    const root = resolve(within ?? added)
    const scan = await scanInputs([resolve(added)])
    skipped.push(...scan.skipped)
    // One `relative` per folder, not per file: at 10,000 files this loop is one unbroken stretch of main's time.
    const folders = new Map<string, string>()
    const folderOf = (dir: string): string => folders.get(dir) ?? folders.set(dir, relative(root, dir)).get(dir)!
    for (const { path, size, mtimeMs } of scan.files) {
      // By name, as photo catalogs import: a folder's notes, sidecars and videos are not photos.
      if (!PHOTO_NAME.test(path)) {
        skipped.push({ path, reason: 'not a photo' })
        continue
      }
      found.push({ path, root, folder: path === root ? '' : folderOf(dirname(path)), name: basename(path), size, mtimeMs })
    }
  }
  return { found, skipped }
}

/** Where a photo's results go under the output folder: the added folder's own name, then its inner folders. */
export function outputDirFor(photo: { path: string; root: string; folder: string }): string {
  return photo.path === photo.root ? '' : [basename(photo.root), photo.folder].filter(Boolean).join('/')
}
