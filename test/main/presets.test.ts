import { expect, test } from 'vitest'
import { allOperations } from '../../src/engine'
import { BUILT_IN_PRESETS } from '../../src/main/presets/built-in'
import { parsePresetFile } from '../../src/main/presets/preset-file'
import { join } from 'node:path'
import { useTestApps } from '../helpers/main-app'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

test.each(BUILT_IN_PRESETS.map((p) => [p.name, p] as const))('the built-in "%s" is valid for its operation and says which rule it follows', (_name, preset) => {
  const operation = allOperations().find((o) => o.id === preset.operationId)
  expect(operation).toBeDefined()
  expect(operation!.validate(preset.values).errors).toEqual([])
  expect(preset.description.length).toBeGreaterThan(20)
})

test('the marketplace presets ship in the catalog, cannot be deleted, and apply as the batch preset', async () => {
  const app = await openApp(sim.current)
  const listed = (await app.handlers.getState(undefined)).presets
  expect(listed.filter((p) => p.builtIn).map((p) => p.name)).toEqual(expect.arrayContaining(['Amazon main image', 'Shopify square 2048', 'Etsy 2000 px', 'Transparent PNG cut-out', 'Sticker']))
  const amazon = listed.find((p) => p.name === 'Amazon main image')!
  expect(amazon.description).toMatch(/white/)
  await expect(app.handlers.deletePreset({ id: amazon.id })).rejects.toThrow(/Built-in/)
  await app.handlers.applyPreset({ id: amazon.id })
  expect(app.photos.preset()).toEqual({ operationId: 'photoroom.edit', values: amazon.values })
})

test('undoing a preset puts back the settings it replaced, as main kept them (an image they name included), unless they were changed since', async () => {
  const app = await openApp(sim.current)
  const amazon = (await app.handlers.getState(undefined)).presets.find((p) => p.name === 'Amazon main image')!
  // Main keeps what was replaced: the window does not send it back, so an image it names is not asked for again.
  const [wall] = await makePhotos(join(tempDir(), 'backgrounds'), 1)
  const own = { operationId: 'photoroom.edit', values: { 'background.color': '00FF00', 'background.imageFile': wall as string } }
  app.photos.setPreset(own)
  await app.handlers.applyPreset({ id: amazon.id })
  await app.handlers.undoApplyPreset(undefined)
  expect(app.photos.preset()).toEqual(own)
  // Nothing left to undo.
  await expect(app.handlers.undoApplyPreset(undefined)).rejects.toThrow(/not put back/)

  await app.handlers.applyPreset({ id: amazon.id })
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: { ...amazon.values, padding: 0.2 } })
  await expect(app.handlers.undoApplyPreset(undefined)).rejects.toThrow('The batch settings changed after the preset was applied, so they were not put back.')
  expect(app.photos.preset().values['padding']).toBe(0.2)
})

test('a saved preset exports as a JSON file and imports back; a file with a bad value is refused on that parameter', async () => {
  const app = await openApp(sim.current)
  await app.handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.color': '00FF00', padding: 0.2 } })
  const saved = await app.handlers.savePreset({ name: 'Green shop' })
  const { fileName, text } = await app.handlers.exportPreset({ id: saved.id })
  expect(fileName).toBe('Green shop.proofsheet-preset.json')
  expect(parsePresetFile(text)).toEqual({ schemaVersion: 1, name: 'Green shop', operationId: 'photoroom.edit', values: { 'background.color': '00FF00', padding: 0.2 } })

  await app.handlers.deletePreset({ id: saved.id })
  const back = await app.handlers.importPreset({ text })
  expect(back).toMatchObject({ name: 'Green shop', operationId: 'photoroom.edit', values: { padding: 0.2 }, builtIn: false })

  const bad = text.replace('0.2', '7')
  await expect(app.handlers.importPreset({ text: bad })).rejects.toMatchObject({ problems: [expect.objectContaining({ param: 'padding' })] })
  await expect(app.handlers.importPreset({ text: '{"schemaVersion": 9, "operationId": "photoroom.edit", "values": {}}' })).rejects.toThrow(/newer Proofsheet/)
  await expect(app.handlers.savePreset({ name: 'Sticker' })).rejects.toThrow(/built-in/)
})
