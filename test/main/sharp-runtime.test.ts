import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'

const run = promisify(execFile)

async function probe(...args: string[]): Promise<{ build: string; webAssembly: boolean; size: number[]; thumb: number[]; cache: { files: { current: number; max: number } } }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/fixtures/sharp-build-probe.ts', ...args], { timeout: 60_000 })
  return JSON.parse(stdout)
}

test.runIf(process.platform === 'linux')('under Electron on Linux, main decodes with sharp’s WebAssembly build, which brings no GLib of its own', async () => {
  const electron = await probe('electron')
  expect(electron).toMatchObject({ build: 'wasm32', webAssembly: true, size: [64, 48], thumb: [32, 24] })
  // libvips keeps no files open (Windows could not replace them otherwise).
  expect(electron.cache.files.max).toBe(0)
})

test('under Node (the CLI, the tests) sharp stays native', async () => {
  expect(await probe()).toMatchObject({ build: 'native', webAssembly: false, size: [64, 48] })
})
