import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { Thumbnails } from '../../src/main/images/thumbnails'
import { rawWithPreview } from '../helpers/corpus'
import { centrePixel, solid, tiffWithPreview } from '../helpers/exif-preview'
import { tempDir } from '../helpers/photos'
import { subIfdLike } from '../helpers/tiff-raw'

test('a RAW file’s thumbnail comes from the preview its camera embedded, turned upright', async () => {
  const dir = tempDir()
  mkdirSync(join(dir, 'shoot'))
  writeFileSync(join(dir, 'shoot', 'a.NEF'), await rawWithPreview(3000, 2000))
  writeFileSync(join(dir, 'shoot', 'b.DNG'), tiffWithPreview(await solid(600, 400, '#2040c0'), 6))
  const thumbnails = new Thumbnails(join(dir, 'thumbs'))
  // The catalog knows a RAW by what is sent for it (a JPEG); the name says RAW.
  const thumbnail = async (name: string): Promise<Buffer> => readFileSync(await thumbnails.pathFor({ path: join(dir, 'shoot', name), format: 'jpeg' }))
  const flat = await centrePixel(await thumbnail('a.NEF'))
  expect(flat).toMatchObject({ width: 320, height: 213 })
  expect(flat.g).toBeGreaterThan(flat.r)
  const turned = await centrePixel(await thumbnail('b.DNG'))
  expect(turned).toMatchObject({ width: 213, height: 320 })
  expect(turned.b).toBeGreaterThan(150)
})

test('a RAW file whose full-size preview is only in a sub-IFD is shown by that preview, not its small thumbnail', async () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'c.NEF'), subIfdLike(await solid(2400, 1600, '#2040c0'), await solid(160, 120, '#c03020')))
  const thumbnail = await centrePixel(readFileSync(await new Thumbnails(join(dir, 'thumbs')).pathFor({ path: join(dir, 'c.NEF'), format: 'jpeg' })))
  expect(thumbnail).toMatchObject({ width: 320, height: 213 })
  expect(thumbnail.b).toBeGreaterThan(150)
})
