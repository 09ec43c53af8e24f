import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { openLogFile } from '../../src/main/electron/log-file'
import { tempDir } from '../helpers/photos'

const { error, warn } = console
afterEach(() => Object.assign(console, { error, warn }))

test('the log file exists where messages name it, keeps main’s console errors with their stack, and starts again past 2 MB', () => {
  const dir = join(tempDir(), 'logs')
  mkdirSync(dir)
  writeFileSync(join(dir, 'main.log'), 'x'.repeat(3 * 1024 * 1024))
  console.error = () => undefined
  console.warn = () => undefined
  const log = openLogFile(dir)
  expect(log.path).toBe(join(dir, 'main.log'))
  console.error('Refused:', new TypeError('boom'))
  console.warn('slow keychain')
  const text = readFileSync(log.path, 'utf8')
  expect(text).toMatch(/INFO Proofsheet started/)
  expect(text).toMatch(/ERROR Refused: TypeError: boom\n\s+at /)
  expect(text).toMatch(/WARN slow keychain/)
  expect(statSync(join(dir, 'main.old.log')).size).toBe(3 * 1024 * 1024)
})

test('an unwritable profile folder does not stop the app from starting', () => {
  const file = join(tempDir(), 'not-a-folder')
  writeFileSync(file, '')
  console.error = () => undefined
  const log = openLogFile(join(file, 'logs'))
  expect(() => log.write('error', 'still running')).not.toThrow()
})
