import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { Library } from '../../src/main/library/library'
import { makePhotos, tempDir } from '../helpers/photos'

const PRESET = { operationId: 'photoroom.remove-background', values: {} }

async function shoot(): Promise<string> {
  const dir = tempDir()
  await makePhotos(join(dir, 'shoot'), 2, { width: 300, height: 200 })
  await makePhotos(join(dir, 'shoot', 'day-2'), 1, { format: 'png' })
  writeFileSync(join(dir, 'shoot', '.DS_Store'), 'junk')
  writeFileSync(join(dir, 'shoot', 'notes.txt'), 'not a photo')
  writeFileSync(join(dir, 'shoot', 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
  symlinkSync(join(dir, 'shoot'), join(dir, 'shoot', 'day-2', 'loop'))
  return dir
}

test('adds a folder recursively with IDs, sizes, dimensions and formats; junk and damaged files are reported, not added', async () => {
  const dir = await shoot()
  const { library } = await Library.open(join(dir, 'session.json'), PRESET)
  const { added, skipped } = await library.add([join(dir, 'shoot')])
  expect(added).toBe(3)
  const images = library.state().images
  expect(images.map((i) => [i.name, i.width, i.height, i.format])).toEqual([
    ['photo-01.png', 320, 240, 'png'],
    ['photo-01.jpg', 300, 200, 'jpeg'],
    ['photo-02.jpg', 300, 200, 'jpeg']
  ])
  expect(new Set(images.map((i) => i.id)).size).toBe(3)
  expect(images.every((i) => i.bytes > 0)).toBe(true)
  const reasons = Object.fromEntries(skipped.map((s) => [s.path.slice(dir.length + 1), s.reason]))
  expect(reasons).toMatchObject({ 'shoot/.DS_Store': /system file/, 'shoot/notes.txt': 'not an image', 'shoot/broken.jpg': /cut short/, 'shoot/day-2/loop': /loops back/ })

  // Adding the same folder again adds nothing twice.
  expect((await library.add([join(dir, 'shoot')])).added).toBe(0)
})

test('the session (images, preset, overrides, last jobs) is restored on reopening; invalid parameters are refused', async () => {
  const dir = await shoot()
  const session = join(dir, 'session.json')
  const { library } = await Library.open(session, PRESET)
  await library.add([join(dir, 'shoot')])
  const id = library.state().images[1]!.id
  await library.setPreset({ operationId: 'photoroom.remove-background', values: { format: 'webp' } })
  await library.setOverrides(id, { bg_color: 'FF0000' })
  await expect(library.setOverrides(id, { format: 'tiff' })).rejects.toThrow(/format/)
  await expect(library.setPreset({ operationId: 'photoroom.teleport', values: {} })).rejects.toThrow(/Unknown operation "photoroom.teleport"/)
  library.recordJob({ imageId: id, state: 'done', attempts: 1, outputs: 1, outputPaths: ['/out/photo-01.webp'] })
  await library.save()

  const reopened = (await Library.open(session, PRESET)).library
  expect(reopened.state()).toEqual(library.state())
  expect(reopened.effective(id).values).toEqual({ format: 'webp', bg_color: 'FF0000' })
  expect(reopened.lastJob(id)?.outputPaths).toEqual(['/out/photo-01.webp'])
  // Written by rename: no partial files left beside it.
  expect(readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([])
})

test('an unreadable session is set aside, never overwritten, and the library starts empty with a message', async () => {
  const dir = tempDir()
  mkdirSync(dir, { recursive: true })
  const session = join(dir, 'session.json')
  writeFileSync(session, '{"version":1,"images":[{"id":')
  const { library, problem } = await Library.open(session, PRESET)
  expect(library.state().images).toEqual([])
  expect(problem).toMatch(/could not be read and was kept as .*session\.json\.unreadable-\d+/)
  const aside = readdirSync(dir).find((n) => n.startsWith('session.json.unreadable-'))!
  expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"version":1,"images":[{"id":')
})
