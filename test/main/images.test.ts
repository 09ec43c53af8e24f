import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { expect, test } from 'vitest'
import { ImageFiles } from '../../src/main/images/image-files'
import { THUMB_EDGE, Thumbnails } from '../../src/main/images/thumbnails'
import { Catalog } from '../../src/main/catalog/catalog'
import { centrePixel, jpegWithPreview, solid } from '../helpers/exif-preview'
import { tempDir } from '../helpers/photos'

async function setup(files: Record<string, Buffer>): Promise<{ dir: string; library: Catalog; images: ImageFiles; ids: Record<string, number> }> {
  const dir = tempDir()
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes)
  const library = Catalog.open(join(dir, 'catalog.sqlite'))
  const added = library.addPhotos(Object.entries(files).map(([name, bytes]) => ({ path: join(dir, name), root: dir, folder: '', name, size: bytes.length, mtimeMs: 0 })))
  for (const photo of added) library.setPhotoFacts(photo.id, { format: 'jpeg', width: 1, height: 1, orientation: 1, size: photo.size, mtimeMs: 0 })
  const ids = Object.fromEntries(added.map((p) => [p.name, p.id]))
  return { dir, library, images: new ImageFiles(library, join(dir, 'cache')), ids }
}

test('a camera JPEG’s embedded preview is the thumbnail when large enough, turned upright; otherwise sharp shrinks the photo', async () => {
  const grey = await solid(1200, 800, '#808080')
  const { images, ids } = await setup({
    'camera.jpg': await jpegWithPreview(grey, await solid(480, 320, '#ff0000', 60), 6),
    'small-preview.jpg': await jpegWithPreview(grey, await solid(160, 120, '#ff0000', 60)),
    'plain.jpg': grey
  })
  const thumb = async (name: string): Promise<Awaited<ReturnType<typeof centrePixel>>> => {
    const found = await images.resolve(`thumb/${ids[name]}`)
    if (found.status !== 200) throw new Error(`no thumbnail for ${name}`)
    expect(found.type).toBe('image/jpeg')
    return centrePixel(readFileSync(found.path))
  }
  // Red: the preview itself; rotated for orientation 6 (480×320 becomes 320×480).
  expect(await thumb('camera.jpg')).toMatchObject({ width: 320, height: 480, r: expect.toSatisfy((r: number) => r > 200), g: expect.toSatisfy((g: number) => g < 60) })
  // Grey: decoded from the photo, since the preview was too small to use.
  expect(await thumb('small-preview.jpg')).toMatchObject({ width: THUMB_EDGE, height: 213, r: expect.toSatisfy((r: number) => Math.abs(r - 128) < 10) })
  expect(await thumb('plain.jpg')).toMatchObject({ width: THUMB_EDGE, height: 213 })
})

test('only catalog photos and their results resolve: paths, unknown IDs and tricks get 404', async () => {
  // A product on white, and a result that is the same picture: something to compare.
  const product = await sharp(await solid(400, 300, '#ffffff')).composite([{ input: await solid(200, 150, '#336699'), left: 100, top: 75 }]).jpeg().toBuffer()
  const { dir, library, images, ids } = await setup({ 'a.jpg': product })
  const id = ids['a.jpg']!
  const result = join(dir, 'a-cutout.png')
  writeFileSync(result, await sharp(product).png().toBuffer())
  const variant = library.addResult({
    photoId: id,
    jobKey: 'k',
    provider: 'photoroom',
    operation: 'remove-background',
    params: {},
    cost: { amount: 1, unit: 'credits' },
    sandbox: false,
    facts: {},
    outputs: [{ path: result, format: 'png' }]
  }).id

  expect(await images.resolve(`original/${id}`)).toEqual({ status: 200, path: join(dir, 'a.jpg'), type: 'image/jpeg' })
  expect(await images.resolve(`result/${variant}/0`)).toEqual({ status: 200, path: result, type: 'image/png' })
  // Screen-sized previews and the difference overlay are made on request and cached.
  expect(await images.resolve(`preview/${id}`)).toMatchObject({ status: 200, path: expect.stringContaining(join(dir, 'cache', 'previews')), type: 'image/jpeg' })
  expect(await images.resolve(`result-preview/${variant}/0`)).toMatchObject({ status: 200, type: 'image/webp' })
  expect(await images.resolve(`result-thumb/${variant}/0`)).toMatchObject({ status: 200, path: expect.stringContaining(join(dir, 'cache', 'thumbnails')), type: 'image/jpeg' })
  expect(await images.resolve(`difference/${variant}/0`)).toMatchObject({ status: 200, path: expect.stringContaining(join(dir, 'cache', 'differences')), type: 'image/png' })
  for (const address of [
    `result/${variant}/1`,
    `result/${variant}/-1`,
    `result/${variant}`,
    `result/${variant + 1}/0`,
    `difference/${variant}`,
    `preview/${id}/0`,
    `result-preview/${variant}/3`,
    `original/${id}/0`,
    `original/${id + 1}`,
    'original/..%2F..%2Fetc%2Fpasswd',
    `original/${encodeURIComponent('/etc/passwd')}`,
    '/etc/passwd',
    'thumb/unknown-id',
    `thumb/${id}.5`,
    `secret/${id}`
  ]) {
    expect(await images.resolve(address), address).toEqual({ status: 404 })
  }
})

test('thumbnails are cached on disk and made once however many ask at the same time', async () => {
  const { dir, library, images, ids } = await setup({ 'a.jpg': await solid(2000, 1500, '#336699') })
  const answers = await Promise.all(Array.from({ length: 8 }, () => images.resolve(`thumb/${ids['a.jpg']}`)))
  expect(new Set(answers.map((a) => (a.status === 200 ? a.path : '')))).toHaveLength(1)
  expect(readdirSync(join(dir, 'cache', 'thumbnails'))).toHaveLength(1)
  // A later start (a new cache object) finds it on disk instead of decoding again.
  const made = statSync(join(dir, 'cache', 'thumbnails', readdirSync(join(dir, 'cache', 'thumbnails'))[0]!)).mtimeMs
  const again = await new Thumbnails(join(dir, 'cache', 'thumbnails')).pathFor(library.photo(ids['a.jpg']!)!)
  expect(answers[0]).toMatchObject({ path: again })
  expect(statSync(again).mtimeMs).toBe(made)
})
