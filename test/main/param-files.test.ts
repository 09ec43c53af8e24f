import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { parsePresetFile } from '../../src/main/presets/preset-file'
import { productPhoto } from '../helpers/images'
import { makePhotos, tempDir } from '../helpers/photos'
import { useTestApps } from '../helpers/main-app'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

/** Image parameters in the app: main checks each path, keeps presets whole with their images, and reads them back. */
const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

async function guides(): Promise<{ dir: string; marble: string }> {
  const dir = tempDir('proofsheet-guides-')
  const marble = join(dir, 'marble.jpg')
  writeFileSync(marble, await productPhoto({ subject: '#555555' }))
  writeFileSync(join(dir, 'notes.jpg'), 'not an image')
  return { dir, marble }
}

test('choosing "Phota edit" is kept at once with its prompt empty: needed before a run, not refused on selection', async () => {
  const app = await openApp(sim.current)
  await app.handlers.setPreset({ operationId: 'phota.edit', values: {} })
  expect(app.photos.preset()).toEqual({ operationId: 'phota.edit', values: {} })
  // A value that is wrong, not merely missing, is still refused.
  await expect(app.handlers.setPreset({ operationId: 'phota.edit', values: { num_output_images: 9 } })).rejects.toMatchObject({ problems: [expect.objectContaining({ param: 'num_output_images' })] })
})

test('an image path main cannot send is refused on its field: missing, or not an image', async () => {
  const app = await openApp(sim.current)
  const { dir, marble } = await guides()
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.guidance.imageFile': marble } })
  await expect(app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.guidance.imageFile': join(dir, 'gone.jpg') } })).rejects.toMatchObject({
    problems: [{ param: 'background.guidance.imageFile', message: expect.stringContaining('no such file') }]
  })
  await expect(app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.imageFile': join(dir, 'notes.jpg') } })).rejects.toMatchObject({
    problems: [{ param: 'background.imageFile', message: expect.stringContaining('is not an image') }]
  })
  const preview = await app.handlers.paramFilePreview({ path: marble })
  expect(preview).toMatchObject({ name: 'marble.jpg', width: 400, height: 300 })
  expect(preview.thumbnail).toMatch(/^data:image\/jpeg;base64,/)
})

test('in the app an image comes from main\'s own picker: a path the window names itself is refused', async () => {
  const { dir, marble } = await guides()
  const other = join(dir, 'other.jpg')
  writeFileSync(other, await productPhoto({ subject: '#222222' }))
  const app = await openApp(sim.current, { typedPaths: false, shell: { pickPaths: async (purpose) => (purpose === 'param-image' ? [marble] : []), showInFolder: () => undefined } })
  await expect(app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.imageFile': other } })).rejects.toMatchObject({ problems: [{ param: 'background.imageFile' }] })
  await expect(app.handlers.paramFilePreview({ path: other })).rejects.toThrow(/not chosen here/)

  expect(await app.handlers.chooseParamFile({})).toEqual({ path: marble })
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.imageFile': marble } })
  await makePhotos(join(dir, 'shoot'), 1)
  await app.photos.add([join(dir, 'shoot')])
  const [id] = app.catalog.photoIds()
  await app.handlers.editOverrides({ photoIds: [id as number], set: { 'background.imageFile': marble }, reset: [] })
  await expect(app.handlers.editOverrides({ photoIds: [id as number], set: { 'background.imageFile': other }, reset: [] })).rejects.toMatchObject({ problems: [{ param: 'background.imageFile' }] })
})

test('a preset exports to a folder with its images beside it, and imports from there with them', async () => {
  const app = await openApp(sim.current)
  const { marble } = await guides()
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.guidance.imageFile': marble, 'background.guidance.scale': 0.8 } })
  const saved = await app.handlers.savePreset({ name: 'Marble shelf' })
  const folder = tempDir('proofsheet-export-')
  const written = await app.handlers.exportPresetFolder({ id: saved.id, folder })
  expect(written?.path).toBe(join(folder, 'Marble shelf.proofsheet-preset.json'))
  expect(readdirSync(folder).sort()).toEqual(['Marble shelf.proofsheet-preset.json', 'marble.jpg'])
  expect(readFileSync(join(folder, 'marble.jpg'))).toEqual(readFileSync(marble))
  expect(parsePresetFile(readFileSync(written!.path, 'utf8')).values).toEqual({ 'background.guidance.imageFile': 'marble.jpg', 'background.guidance.scale': 0.8 })

  // Moved elsewhere whole, the folder still works: the image is found beside the preset file.
  const moved = tempDir('proofsheet-moved-')
  mkdirSync(join(moved, 'kit'))
  for (const name of readdirSync(folder)) writeFileSync(join(moved, 'kit', name), readFileSync(join(folder, name)))
  const imported = await app.handlers.importPresetFile({ path: join(moved, 'kit', 'Marble shelf.proofsheet-preset.json') })
  expect(imported?.values).toEqual({ 'background.guidance.imageFile': join(moved, 'kit', 'marble.jpg'), 'background.guidance.scale': 0.8 })

  // Its text alone cannot say where the image is: the window is told to import the file.
  await expect(app.handlers.importPreset({ text: readFileSync(written!.path, 'utf8') })).rejects.toMatchObject({
    problems: [{ param: 'background.guidance.imageFile', message: expect.stringContaining('import the file with Import preset file') }]
  })
})
