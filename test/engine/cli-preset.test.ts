import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { parseCli } from '../../src/cli/args'
import { openTestApp, type TestApp } from '../helpers/main-app'
import { runCli, simulatorEnv } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
let app: TestApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

test('a preset exported from the app runs in the CLI with --preset, its operation and values, --param over them', async () => {
  app = await openTestApp(sim.current)
  const amazon = (await app.handlers.getState(undefined)).presets.find((p) => p.name === 'Amazon main image')!
  const { text } = await app.handlers.exportPreset({ id: amazon.id })
  const work = tempDir()
  writeFileSync(join(work, 'amazon.json'), text)
  await makePhotos(join(work, 'shoot'), 2)

  const options = parseCli(['--preset', 'amazon.json', '--param', 'padding=0.2', '--out', 'out', 'shoot'], work)
  expect(options.operation.id).toBe('photoroom.edit')
  expect(options.values).toEqual({ ...amazon.values, padding: 0.2 })

  const run = await runCli(['--preset', 'amazon.json', '--out', 'out', 'shoot'], simulatorEnv(sim.current, join(work, 'state')), work)
  expect(run.code).toBe(0)
  expect(readdirSync(join(work, 'out', 'shoot')).sort()).toEqual(['photo-01.jpg', 'photo-02.jpg'])
  expect(sim.current.stats().providers.photoroom.byPath['/v2/edit']).toBeGreaterThanOrEqual(2)
})

test('a preset file the CLI accepts imports into the app as the same preset; a bad one is refused by both, naming the parameter', async () => {
  const work = tempDir()
  const file = { schemaVersion: 1, name: 'Shop grey', operationId: 'pixelcut.remove-background', values: { shadow: true } }
  writeFileSync(join(work, 'grey.json'), JSON.stringify(file))
  const options = parseCli(['--preset', 'grey.json', '--dry-run', 'in'], work)
  expect([options.operation.id, options.values]).toEqual(['pixelcut.remove-background', { shadow: true }])

  app = await openTestApp(sim.current)
  const imported = await app.handlers.importPreset({ text: JSON.stringify(file) })
  await app.handlers.applyPreset({ id: imported.id })
  expect(app.photos.preset()).toEqual({ operationId: options.operation.id, values: options.values })

  writeFileSync(join(work, 'bad.json'), JSON.stringify({ ...file, values: { 'shadow.opacity': 3 } }))
  await makePhotos(join(work, 'in'), 1)
  const run = await runCli(['--preset', 'bad.json', '--dry-run', 'in'], simulatorEnv(sim.current, join(work, 'state')), work)
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('shadow.opacity')
  await expect(app.handlers.importPreset({ text: JSON.stringify({ ...file, values: { 'shadow.opacity': 3 } }) })).rejects.toMatchObject({ problems: [expect.objectContaining({ param: 'shadow.opacity' })] })
  expect(() => parseCli(['--preset', 'missing.json', '--dry-run', 'in'], work)).toThrow('--preset')
})
