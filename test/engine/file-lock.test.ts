import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, test } from 'vitest'
import { thisHost, withFileLock } from '../../src/engine/purchases/file-lock'
import { tempDir } from '../helpers/photos'

/** A process id that is surely not running: a child that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!

test('holders of one lock take turns, and the lock is gone once the last lets go', async () => {
  const path = join(tempDir(), 'locks', 'photo-key')
  let inside = 0
  let most = 0
  await Promise.all(
    Array.from({ length: 5 }, () =>
      withFileLock(path, async () => {
        most = Math.max(most, ++inside)
        await sleep(15)
        inside--
      })
    )
  )
  expect(most).toBe(1)
  expect(existsSync(`${path}.lock`)).toBe(false)
})

test("a lock whose owner is gone is taken over, in today's form (a file) and in earlier versions' (a folder)", async () => {
  const dir = tempDir()
  const owner = JSON.stringify({ host: thisHost(), pid: deadPid() })
  writeFileSync(join(dir, 'a.lock'), owner)
  mkdirSync(join(dir, 'b.lock'))
  writeFileSync(join(dir, 'b.lock', 'owner.json'), owner)
  expect(await withFileLock(join(dir, 'a'), async () => 'a', AbortSignal.timeout(5_000))).toBe('a')
  expect(await withFileLock(join(dir, 'b'), async () => 'b', AbortSignal.timeout(5_000))).toBe('b')
  expect(existsSync(join(dir, 'a.lock')) || existsSync(join(dir, 'b.lock'))).toBe(false)
})

test('a lock held by a live process is waited for, not taken', async () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'c.lock'), JSON.stringify({ host: thisHost(), pid: process.pid }))
  await expect(withFileLock(join(dir, 'c'), async () => 'taken', AbortSignal.timeout(400))).rejects.toThrow(/timeout|aborted/i)
  expect(existsSync(join(dir, 'c.lock'))).toBe(true)
})
