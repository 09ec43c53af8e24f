import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { Catalog } from '../../src/main/catalog/catalog'
import { importSession } from '../../src/main/catalog/import-session'
import { makePhotos, tempDir } from '../helpers/photos'

const open: Catalog[] = []
afterEach(() => open.splice(0).forEach((c) => c.close()))

function catalogIn(dir: string): Catalog {
  const catalog = Catalog.open(join(dir, 'catalog.sqlite'))
  open.push(catalog)
  return catalog
}

const IDS = ['3f1c7a52-6f0e-4c3e-9d1e-0b6a1f2c3d4e', '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d', 'c0ffee00-1234-4abc-9def-0123456789ab']

/** A session.json as SessionFile wrote it: JSON.stringify of the whole session, one line. */
async function writeSession(dir: string): Promise<{ path: string; photos: string[]; text: string }> {
  const photos = await makePhotos(join(dir, 'shoot'), 3, { width: 300, height: 200 })
  const session = {
    version: 1,
    preset: { operationId: 'photoroom.edit', values: { 'background.color': 'FFFFFF', outputSize: '2000x2000' } },
    images: photos.map((path, i) => ({
      id: IDS[i],
      name: path.split('/').at(-1),
      path,
      bytes: statSync(path).size,
      width: 300,
      height: 200,
      format: 'jpeg',
      overrides: i === 1 ? { padding: 0.1 } : {}
    })),
    jobs: [
      { imageId: IDS[0], state: 'done', attempts: 1, outputs: 2, warnings: ['lighting.mode'], outputPaths: ['/out/photo-01-1.png', '/out/photo-01-2.jpg'] },
      { imageId: IDS[1], state: 'reused', attempts: 0, outputs: 1, outputPaths: ['/out/photo-02.webp'] },
      { imageId: IDS[2], state: 'failed', reason: 'The file is cut short.', attempts: 1 },
      { imageId: 'no-such-image', state: 'done', attempts: 1, outputs: 1, outputPaths: ['/out/ghost.png'] }
    ]
  }
  const path = join(dir, 'session.json')
  const text = JSON.stringify(session)
  writeFileSync(path, text)
  return { path, photos, text }
}

test('session.json comes in once: photos with facts, overrides, the preset, finished jobs as results; the file is kept as .imported', async () => {
  const dir = tempDir()
  const { path, photos, text } = await writeSession(dir)
  const catalog = catalogIn(dir)

  const outcome = await importSession(catalog, path)
  expect(outcome).toMatchObject({ imported: 3, results: 2 })
  expect(outcome.problem).toBeUndefined()
  expect([...outcome.photoIds.keys()]).toEqual(IDS)

  const [first, second, third] = IDS.map((id) => catalog.photo(outcome.photoIds.get(id)!)!)
  expect(first).toMatchObject({ path: photos[0], root: join(dir, 'shoot'), folder: '', name: 'photo-01.jpg', facts: 'ready', format: 'jpeg', width: 300, height: 200 })
  expect(first!.size).toBe(statSync(photos[0]!).size)
  expect(first!.mtimeMs).toBe(statSync(photos[0]!).mtimeMs)
  expect(second!.overrides).toEqual({ padding: 0.1 })
  expect(third!.overrides).toEqual({})
  expect(catalog.currentPreset()).toEqual({ operationId: 'photoroom.edit', values: { 'background.color': 'FFFFFF', outputSize: '2000x2000' } })

  const [done] = catalog.results(first!.id)
  expect(done).toMatchObject({
    jobKey: null,
    provider: 'photoroom',
    operation: 'edit',
    params: { 'background.color': 'FFFFFF', outputSize: '2000x2000' },
    cost: { amount: 0, unit: 'images' },
    sandbox: false,
    facts: { unsupportedAttributes: ['lighting.mode'], other: { imported: 'session.json' } }
  })
  expect(done!.outputs).toEqual([
    { path: '/out/photo-01-1.png', format: 'png' },
    { path: '/out/photo-01-2.jpg', format: 'jpeg' }
  ])
  expect(catalog.results(second!.id).map((r) => [r.params, r.outputs])).toEqual([
    [{ 'background.color': 'FFFFFF', outputSize: '2000x2000', padding: 0.1 }, [{ path: '/out/photo-02.webp', format: 'webp' }]]
  ])
  expect(catalog.resultCounts([third!.id]).get(third!.id)).toBe(0)

  expect(existsSync(path)).toBe(false)
  expect(readFileSync(`${path}.imported`, 'utf8')).toBe(text)
})

test('a second open imports nothing, even if a session.json reappears beside a catalog that has photos', async () => {
  const dir = tempDir()
  const { path } = await writeSession(dir)
  await importSession(catalogIn(dir), path)
  open.splice(0).forEach((c) => c.close())

  const reopened = catalogIn(dir)
  expect(await importSession(reopened, path)).toEqual({ imported: 0, results: 0, photoIds: new Map() })
  writeFileSync(path, readFileSync(`${path}.imported`))
  expect((await importSession(reopened, path)).imported).toBe(0)
  expect(reopened.countPhotos()).toBe(3)
  expect(reopened.photoIds().flatMap((id) => reopened.results(id))).toHaveLength(2)
  // Left where it is: it was not imported, so it is not renamed as if it had been.
  expect(existsSync(path)).toBe(true)
})

test.each([
  ['not JSON', '{"version":1,"images":[{"id":'],
  ['the wrong shape', JSON.stringify({ version: 2, images: [] })]
])('a session.json that is %s is set aside with a message, nothing lost, the catalog empty', async (_, text) => {
  const dir = tempDir()
  const path = join(dir, 'session.json')
  writeFileSync(path, text)
  const catalog = catalogIn(dir)

  const outcome = await importSession(catalog, path)
  expect(outcome.problem).toMatch(/could not be read and was kept as .*session\.json\.unreadable-\d+; the catalog starts empty\./)
  expect(outcome.imported).toBe(0)
  expect(catalog.countPhotos()).toBe(0)
  expect(catalog.currentPreset()).toBeUndefined()
  const aside = readdirSync(dir).find((n) => n.startsWith('session.json.unreadable-'))!
  expect(readFileSync(join(dir, aside), 'utf8')).toBe(text)
  expect(existsSync(path)).toBe(false)
})
