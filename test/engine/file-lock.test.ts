import { spawnSync } from 'node:child_process'
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { onFileThread } from '../../src/engine/files/file-thread'
import { OWNER_RECORD, thisHost, withFileLock } from '../../src/engine/purchases/file-lock'
import { removeIdleOwners, withKeyLock } from '../../src/engine/purchases/key-lock'
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

test("a lock this very process made and no longer holds (its removal failed) is taken at once, not waited for", async () => {
  const dir = tempDir()
  await onFileThread('makeLockStep', { lock: join(dir, 'left.lock'), owner: OWNER_RECORD })
  expect(await withFileLock(join(dir, 'left'), async () => 'taken', AbortSignal.timeout(2_000))).toBe('taken')
})

test('a lock held by a live process is waited for, not taken', async () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'c.lock'), JSON.stringify({ host: thisHost(), pid: process.pid }))
  await expect(withFileLock(join(dir, 'c'), async () => 'taken', AbortSignal.timeout(400))).rejects.toThrow(/timeout|aborted/i)
  expect(existsSync(join(dir, 'c.lock'))).toBe(true)
})

describe('the lock of a purchase key (withKeyLock): a hard link to the process\'s owner file', () => {
  const ownerFiles = (folder: string): string[] => readdirSync(folder).filter((name) => name.startsWith('.owner-'))

  test('holders take turns; every lock is a link to one owner file, so no file is made or deleted per lock', async () => {
    const folder = join(tempDir(), 'locks')
    const seen: { ino: number; nlink: number; owner: string }[] = []
    let inside = 0
    let most = 0
    await Promise.all(
      ['k1', 'k1', 'k2', 'k3'].map((key) =>
        withKeyLock(folder, key, async () => {
          most = Math.max(most, ++inside)
          const info = statSync(join(folder, `${key}.lock`))
          seen.push({ ino: info.ino, nlink: info.nlink, owner: readFileSync(join(folder, `${key}.lock`), 'utf8') })
          await sleep(15)
          inside--
        })
      )
    )
    expect(most).toBeGreaterThan(1)
    const [owner] = ownerFiles(folder)
    expect(ownerFiles(folder)).toHaveLength(1)
    expect(new Set(seen.map((s) => s.ino))).toEqual(new Set([statSync(join(folder, owner as string)).ino]))
    expect(Math.max(...seen.map((s) => s.nlink))).toBeGreaterThan(2)
    expect(JSON.parse(seen[0]?.owner ?? '')).toMatchObject({ host: thisHost(), pid: process.pid })
    expect(readdirSync(folder).filter((name) => name.endsWith('.lock'))).toEqual([])
  })

  test('the same key held by another process (a plain lock file) is waited for; one whose owner is gone is taken over', async () => {
    const folder = tempDir()
    writeFileSync(join(folder, 'live.lock'), JSON.stringify({ host: thisHost(), pid: process.pid }))
    await expect(withKeyLock(folder, 'live', async () => 'taken', AbortSignal.timeout(400))).rejects.toThrow(/timeout|aborted/i)
    // A dead process's link lock: its owner file and a link to it.
    const deadOwner = join(folder, `.owner-${thisHost()}.${deadPid()}.0a0b`)
    writeFileSync(deadOwner, JSON.stringify({ host: thisHost(), pid: deadPid() }))
    linkSync(deadOwner, join(folder, 'dead.lock'))
    expect(await withKeyLock(folder, 'dead', async () => 'dead', AbortSignal.timeout(5_000))).toBe('dead')
    expect(existsSync(join(folder, 'dead.lock'))).toBe(false)
  })

  test("another live process's key lock (a link to its owner file) is waited for by both kinds of lock", async () => {
    const folder = tempDir()
    const theirs = join(folder, `.owner-${thisHost()}.${process.pid}.0c0d`)
    writeFileSync(theirs, JSON.stringify({ host: thisHost(), pid: process.pid, token: 'another-copy' }))
    linkSync(theirs, join(folder, 'k.lock'))
    await expect(withFileLock(join(folder, 'k'), async () => 'taken', AbortSignal.timeout(300))).rejects.toThrow(/timeout|aborted/i)
    await expect(withKeyLock(folder, 'k', async () => 'taken', AbortSignal.timeout(300))).rejects.toThrow(/timeout|aborted/i)
    expect(statSync(join(folder, 'k.lock')).ino).toBe(statSync(theirs).ino)
  })

  test('an owner file not touched for a while is touched before a lock links to it: a new lock never looks stale', async () => {
    const folder = tempDir()
    await withKeyLock(folder, 'a', async () => undefined)
    const owner = join(folder, ownerFiles(folder)[0] as string)
    const longAgo = new Date(Date.now() - 60_000)
    utimesSync(owner, longAgo, longAgo)
    const age = await withKeyLock(folder, 'b', async () => Date.now() - statSync(join(folder, 'b.lock')).mtimeMs)
    expect(age).toBeLessThan(5_000)
  })

  test('idle owner files left behind are removed; one a held lock links to, or a fresh one, is kept', async () => {
    const folder = tempDir()
    const longAgo = new Date(Date.now() - 60_000)
    const idle = join(folder, '.owner-elsewhere.41.00aa')
    const holding = join(folder, '.owner-elsewhere.42.00bb')
    const fresh = join(folder, '.owner-elsewhere.43.00cc')
    for (const file of [idle, holding, fresh]) writeFileSync(file, JSON.stringify({ host: 'elsewhere', pid: 1 }))
    linkSync(holding, join(folder, 'held.lock'))
    utimesSync(idle, longAgo, longAgo)
    utimesSync(holding, longAgo, longAgo)
    await removeIdleOwners(folder)
    expect(ownerFiles(folder).sort()).toEqual(['.owner-elsewhere.42.00bb', '.owner-elsewhere.43.00cc'])
  })

  test('where no hard link can be made, the lock is a file of its own holding its owner', async () => {
    const folder = tempDir()
    // A folder cannot be linked to (EPERM), as nothing can on a FAT disk.
    mkdirSync(join(folder, 'not-linkable'))
    const job = { lock: join(folder, 'k.lock'), owner: '{"host":"h","pid":1}', file: join(folder, 'not-linkable'), freshMs: 5_000 }
    await expect(onFileThread('linkLockStep', job)).resolves.toBe(true)
    expect(statSync(job.lock).nlink).toBe(1)
    expect(readFileSync(job.lock, 'utf8')).toBe(job.owner)
    await expect(onFileThread('linkLockStep', job)).resolves.toBe(false)
  })
})
