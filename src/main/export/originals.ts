import { join } from 'node:path'
import { inside } from '../../engine'
import type { Catalog } from '../catalog/catalog'

/** The catalog's originals that lie in a folder or below it: how many, and their paths when asked. */
export interface OriginalsIn {
  count: number
  paths(): string[]
}

/** Counted from the catalog's folder list (a few rows per added folder), so asking costs nothing when there are none. */
export function originalsIn(catalog: Catalog, dir: string): OriginalsIn {
  const folders = catalog.folderCounts().filter((f) => inside(join(f.root, f.folder), dir))
  return {
    count: folders.reduce((n, f) => n + f.count, 0),
    paths: () => {
      const paths = new Set<string>()
      for (const { root, folder, count } of folders) {
        for (const photo of catalog.queryPhotos({ root, folder }, { offset: 0, limit: count })) if (inside(photo.path, dir)) paths.add(photo.path)
      }
      return [...paths]
    }
  }
}

/** What the user is asked before an export into a folder that holds originals. */
export function originalsQuestion(dir: string, count: number): string {
  const photos = count === 1 ? 'one of your original photos' : `${count.toLocaleString('en-US')} of your original photos`
  return `${dir} holds ${photos}. Export there anyway? Originals and other files already there are never replaced: a name that is taken gets " (2)".`
}
