import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { Catalog } from '../../src/main/catalog/catalog'
import type { NewPhoto } from '../../src/main/catalog/photos'
import { estimateCost } from '../../src/main/photos/cost-estimate'
import type { PhotoLibrary } from '../../src/main/photos/photo-library'
import { tempDir } from '../helpers/photos'

let catalog: Catalog | undefined
afterEach(() => catalog?.close())

const library = { preset: () => ({ operationId: 'photoroom.remove-background', values: {} }) } as unknown as PhotoLibrary
const photo = (folder: string, name: string): NewPhoto => ({ path: join('/shoot', folder, name), root: '/shoot', folder, name, size: 1, mtimeMs: 1 })

test('the estimate counts photos by their overrides: skipped ones apart, a photo named twice once (as the run sends it), a removed one not at all', () => {
  catalog = Catalog.open(join(tempDir('proofsheet-estimate-'), 'catalog.sqlite'))
  // "out-2" starts like the output folder "out" but is not inside it.
  catalog.addPhotosCount([photo('a', '1.jpg'), photo('a', '2.jpg'), photo('a', '3.jpg'), photo('out', 'earlier.png'), photo('out-2', '4.jpg')])
  const [one, two, three, earlier, four] = catalog.photoIds() as [number, number, number, number, number]
  catalog.setOverrides(one, { size: 'preview' })
  catalog.setPhotoFacts(two, { unreadable: 'damaged' })
  const estimate = (ids?: number[]): unknown => estimateCost(catalog!, library, ids, [], join('/shoot', 'out'))

  expect(estimate()).toEqual({ photos: 3, skipped: 2, providers: [{ provider: 'photoroom', unit: 'credits', amount: 2.25, photos: 3 }] })
  catalog.removePhotos([three])
  expect(estimate([one, one, two, three, earlier, four])).toEqual({ photos: 2, skipped: 2, providers: [{ provider: 'photoroom', unit: 'credits', amount: 1.25, photos: 2 }] })
  expect(estimate([])).toEqual({ photos: 0, skipped: 0, providers: [] })
})
