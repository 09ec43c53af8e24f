import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { parseCli } from '../../src/cli/args'
import { useTestApps } from '../helpers/main-app'
import { collect, runCli, simulatorEnv, startCli } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

test('a preset exported from the app runs in the CLI with --preset, its operation and values, --param over them', async () => {
  const app = await openApp(sim.current)
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

  const app = await openApp(sim.current)
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

test('--watch runs the first batch, then each new photo in the folder as it arrives, until Ctrl+C', async () => {
  sim.current.resetStats()
  const work = tempDir()
  const [first, later] = await makePhotos(join(work, 'card'), 2)
  mkdirSync(join(work, 'hot'))
  copyFileSync(first!, join(work, 'hot', 'first.jpg'))
  const child = startCli(['--provider', 'photoroom', '--operation', 'remove-background', '--json', '--watch', '--out', 'out', 'hot'], simulatorEnv(sim.current, join(work, 'state')), work)
  const run = collect(child)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  await expect.poll(() => stderr, { timeout: 20_000 }).toContain('Watching')
  copyFileSync(later!, join(work, 'hot', 'later.jpg'))
  await expect.poll(() => existsSync(join(work, 'out', 'hot', 'later.png')), { timeout: 20_000 }).toBe(true)
  child.kill('SIGINT')
  const { code, events } = await run
  expect(code).toBe(0)
  // The second run sent only the new photo; the first one's result was reused.
  expect(events.filter((e) => e['event'] === 'summary').map((e) => (e['counts'] as Record<string, number>)['done'])).toEqual([1, 1])
  expect(sim.current.stats().providers.photoroom.byPath['/v1/segment']).toBe(2)
})
