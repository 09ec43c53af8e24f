import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { Catalog } from '../../src/main/catalog/catalog'
import { ImageFiles } from '../../src/main/images/image-files'
import { solid } from '../helpers/exif-preview'
import { tempDir } from '../helpers/photos'

const open: Catalog[] = []
afterEach(() => open.splice(0).forEach((c) => c.close()))

/** A shoot of two photos with a result each, and a private image outside it that nothing in the catalog names. */
async function shoot(): Promise<{ dir: string; catalog: Catalog; images: ImageFiles; ids: number[]; results: number[]; secret: Buffer }> {
  const dir = tempDir()
  const root = join(dir, 'shoot')
  mkdirSync(join(dir, 'private'))
  mkdirSync(join(dir, 'out'))
  const secret = await solid(64, 64, '#ff00ff')
  writeFileSync(join(dir, 'private', 'scan-of-passport.png'), secret)
  const catalog = Catalog.open(join(dir, 'catalog.sqlite'))
  open.push(catalog)
  const ids: number[] = []
  const results: number[] = []
  for (const name of ['a', 'b']) {
    mkdirSync(root, { recursive: true })
    writeFileSync(join(root, `${name}.png`), await solid(80, 60, '#336699'))
    writeFileSync(join(dir, 'out', `${name}.png`), await solid(80, 60, '#ffffff'))
    const [photo] = catalog.addPhotos([{ path: join(root, `${name}.png`), root, folder: '', name: `${name}.png`, size: 1, mtimeMs: 0 }])
    const result = catalog.addResult({ photoId: photo!.id, jobKey: `k-${name}`, provider: 'photoroom', operation: 'remove-background', params: {}, cost: { amount: 1, unit: 'images' }, sandbox: false, facts: {}, outputs: [{ path: join(dir, 'out', `${name}.png`), format: 'png' }] })
    ids.push(photo!.id)
    results.push(result.id)
  }
  return { dir, catalog, images: new ImageFiles(catalog, join(dir, 'state')), ids, results, secret }
}

test('a photo or result replaced by a link to a file outside its folder is not served, in any size; a link that stays inside is', async () => {
  const { dir, images, ids, results, secret } = await shoot()
  expect(await images.resolve(`original/${ids[0]}`)).toMatchObject({ status: 200 })
  expect(await images.resolve(`thumb/${ids[0]}`)).toMatchObject({ status: 200 })

  for (const path of [join(dir, 'shoot', 'a.png'), join(dir, 'out', 'a.png')]) {
    rmSync(path)
    symlinkSync(join(dir, 'private', 'scan-of-passport.png'), path)
  }
  for (const address of [`original/${ids[0]}`, `thumb/${ids[0]}`, `preview/${ids[0]}`, `result/${results[0]}/0`, `result-thumb/${results[0]}/0`, `result-preview/${results[0]}/0`, `difference/${results[0]}/0`]) {
    const found = await images.resolve(address)
    expect(found, address).toEqual({ status: 404 })
    if (found.status === 200) expect(readFileSync(found.path).equals(secret)).toBe(false)
  }

  // The added-folder rule: a link to another photo of the same folder is followed.
  rmSync(join(dir, 'shoot', 'b.png'))
  symlinkSync(join(dir, 'shoot', 'a.png.real'), join(dir, 'shoot', 'b.png'))
  writeFileSync(join(dir, 'shoot', 'a.png.real'), await solid(80, 60, '#336699'))
  const inside = await images.resolve(`original/${ids[1]}`)
  expect(inside).toMatchObject({ status: 200, path: join(dir, 'shoot', 'a.png.real') })
})
