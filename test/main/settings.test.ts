import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import { expect, test } from 'vitest'
import type { Settings } from '../../src/shared/ipc/contract'
import { DEFAULT_SETTINGS, SettingsService, settingsStoreOptions } from '../../src/main/settings/settings'
import { tempDir } from '../helpers/photos'

const open = (cwd: string, projectVersion = '0.2.0'): SettingsService => new SettingsService(new Conf<Settings>({ ...settingsStoreOptions(), cwd, projectVersion }))

test('defaults on first start; changes survive reopening the store', () => {
  const dir = tempDir()
  expect(open(dir).get()).toEqual(DEFAULT_SETTINGS)
  open(dir).update({ outputFolder: '/photos/out', naming: '{name}-cutout', concurrency: { photoroom: 4, pixelcut: 2, phota: 1 } })
  open(dir).saveWindow({ x: 10, y: 20, width: 1000, height: 700, maximized: true })
  expect(open(dir).get()).toMatchObject({ outputFolder: '/photos/out', naming: '{name}-cutout', concurrency: { photoroom: 4 }, window: { x: 10, maximized: true } })
})

test('an invalid change is refused whole, with a readable reason, and the file keeps what it had', () => {
  const dir = tempDir()
  const settings = open(dir)
  settings.update({ outputFolder: '/kept' })
  const before = readFileSync(join(dir, 'settings.json'), 'utf8')
  expect(() => settings.update({ outputFolder: '/changed', naming: 'no-placeholder' })).toThrow(/must contain \{name\}/)
  expect(() => settings.update({ naming: '../{name}' })).toThrow(/cannot contain \//)
  expect(() => settings.update({ concurrency: { photoroom: 0, pixelcut: 1, phota: 1 } })).toThrow()
  expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before)
  expect(open(dir).get().outputFolder).toBe('/kept')
})

test('the store itself enforces the schema derived from the contract (a hand-edited file is not silently accepted)', () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, naming: 42 }))
  expect(() => open(dir)).toThrow(/naming/)
})

test('migration: 0.1 settings with one concurrency for all providers become one per provider', () => {
  const dir = tempDir()
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ outputFolder: '/old', concurrency: 3, __internal__: { migrations: { version: '0.1.0' } } }))
  const settings = open(dir, '0.2.0')
  expect(settings.get().concurrency).toEqual({ photoroom: 3, pixelcut: 3, phota: 3 })
  expect(settings.get().outputFolder).toBe('/old')
})
