import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { resolveImage } from '../../src/main/images/image-files'
import { THUMB_EDGE, Thumbnails } from '../../src/main/images/thumbnails'
import { Library } from '../../src/main/library/library'
import { centrePixel, jpegWithPreview, solid } from '../helpers/exif-preview'
import { tempDir } from '../helpers/photos'

async function setup(files: Record<string, Buffer>): Promise<{ dir: string; library: Library; thumbnails: Thumbnails; ids: Record<string, string> }> {
  const dir = tempDir()
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes)
  const { library } = await Library.open(join(dir, 'session.json'), { operationId: 'photoroom.remove-background', values: {} })
  await library.add(Object.keys(files).map((name) => join(dir, name)))
  const ids = Object.fromEntries(library.state().images.map((i) => [i.name, i.id]))
  return { dir, library, thumbnails: new Thumbnails(join(dir, 'thumbs')), ids }
}

test('a camera JPEG’s embedded preview is the thumbnail when large enough, turned upright; otherwise sharp shrinks the photo', async () => {
  const grey = await solid(1200, 800, '#808080')
  const { library, thumbnails, ids } = await setup({
    'camera.jpg': await jpegWithPreview(grey, await solid(480, 320, '#ff0000', 60), 6),
    'small-preview.jpg': await jpegWithPreview(grey, await solid(160, 120, '#ff0000', 60)),
    'plain.jpg': grey
  })
  const thumb = async (name: string): Promise<Awaited<ReturnType<typeof centrePixel>>> => {
    const found = await resolveImage(`thumb/${ids[name]}`, library, thumbnails)
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

test('only library photos and their results resolve: paths, unknown IDs and tricks get 404', async () => {
  const { dir, library, thumbnails, ids } = await setup({ 'a.jpg': await solid(400, 300, '#336699') })
  const id = ids['a.jpg']!
  const result = join(dir, 'a-cutout.png')
  writeFileSync(result, await solid(10, 10, '#000000'))
  library.recordJob({ imageId: id, state: 'done', attempts: 1, outputs: 1, outputPaths: [result] })

  expect(await resolveImage(`original/${id}`, library, thumbnails)).toEqual({ status: 200, path: join(dir, 'a.jpg'), type: 'image/jpeg' })
  expect(await resolveImage(`result/${id}/0`, library, thumbnails)).toEqual({ status: 200, path: result, type: 'image/png' })
  for (const address of [
    `result/${id}/1`,
    `result/${id}/-1`,
    `result/${id}`,
    `original/${id}/0`,
    'original/..%2F..%2Fetc%2Fpasswd',
    `original/${encodeURIComponent('/etc/passwd')}`,
    '/etc/passwd',
    'thumb/unknown-id',
    `secret/${id}`
  ]) {
    expect(await resolveImage(address, library, thumbnails), address).toEqual({ status: 404 })
  }
})

test('thumbnails are cached on disk and made once however many ask at the same time', async () => {
  const { dir, library, thumbnails, ids } = await setup({ 'a.jpg': await solid(2000, 1500, '#336699') })
  const answers = await Promise.all(Array.from({ length: 8 }, () => resolveImage(`thumb/${ids['a.jpg']}`, library, thumbnails)))
  expect(new Set(answers.map((a) => (a.status === 200 ? a.path : '')))).toHaveLength(1)
  expect(readdirSync(join(dir, 'thumbs'))).toHaveLength(1)
  // A later start (a new cache object) finds it on disk instead of decoding again.
  const made = statSync(join(dir, 'thumbs', readdirSync(join(dir, 'thumbs'))[0]!)).mtimeMs
  const again = await new Thumbnails(join(dir, 'thumbs')).pathFor(library.get(ids['a.jpg']!)!)
  expect(answers[0]).toMatchObject({ path: again })
  expect(statSync(again).mtimeMs).toBe(made)
})
