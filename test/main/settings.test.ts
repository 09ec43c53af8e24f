import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import { expect, test } from 'vitest'
import type { Settings } from '../../src/shared/ipc/contract'
import { DEFAULT_SETTINGS, openSettingsStore, SettingsService, settingsStoreOptions } from '../../src/main/settings/settings'
import { tempDir } from '../helpers/photos'
import pkg from '../../package.json' with { type: 'json' }

const open = (cwd: string, projectVersion = pkg.version): SettingsService => new SettingsService(new Conf<Settings>({ ...settingsStoreOptions(), cwd, projectVersion }))

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

test('the store enforces the schema derived from the contract: a hand-edited file is set aside, never half-used', () => {
  const dir = tempDir()
  const broken = JSON.stringify({ ...DEFAULT_SETTINGS, naming: 42 })
  writeFileSync(join(dir, 'settings.json'), broken)
  expect(() => open(dir)).toThrow(/naming/)
  const { store, problem } = openSettingsStore(() => new Conf<Settings>({ ...settingsStoreOptions(), cwd: dir, projectVersion: pkg.version }), dir)
  expect(new SettingsService(store).get()).toEqual(DEFAULT_SETTINGS)
  expect(problem).toMatch(/settings could not be read .*naming.*kept as .*settings\.json\.invalid-\d+/)
  const aside = readdirSync(dir).find((n) => n.startsWith('settings.json.invalid-'))!
  expect(JSON.parse(readFileSync(join(dir, aside), 'utf8'))).toMatchObject(JSON.parse(broken))
})

test('migration: 0.1 settings with one concurrency for all providers become one per provider', () => {
  const dir = tempDir()
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ outputFolder: '/old', concurrency: 3, __internal__: { migrations: { version: '0.1.0' } } }))
  const settings = open(dir, '0.2.0')
  expect(settings.get().concurrency).toEqual({ photoroom: 3, pixelcut: 3, phota: 3 })
  expect(settings.get().outputFolder).toBe('/old')
})

test('a settings file written before a provider existed, or after one was added, still opens: missing ones get the default', () => {
  const onlyTwo = tempDir()
  writeFileSync(join(onlyTwo, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, outputFolder: '/mine', concurrency: { photoroom: 3, pixelcut: 2 } }))
  const newer = tempDir()
  writeFileSync(join(newer, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, concurrency: { photoroom: 5, pixelcut: 1, phota: 1, remini: 6 } }))
  const reopen = (dir: string): Settings => {
    const { store, problem } = openSettingsStore(() => new Conf<Settings>({ ...settingsStoreOptions(), cwd: dir, projectVersion: pkg.version }), dir)
    expect(problem).toBeUndefined()
    expect(readdirSync(dir).filter((n) => n.includes('invalid'))).toEqual([])
    return new SettingsService(store).get()
  }
  expect(reopen(onlyTwo)).toMatchObject({ outputFolder: '/mine', concurrency: { photoroom: 3, pixelcut: 2, phota: DEFAULT_SETTINGS.concurrency['phota'] } })
  expect(reopen(newer).concurrency).toEqual({ photoroom: 5, pixelcut: 1, phota: 1, remini: 6 })
})
