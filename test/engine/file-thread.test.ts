import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import { describe, expect, it } from 'vitest'
import { copyFileAtomic, writeFileAtomic } from '../../src/engine/files/atomic-write'
import { onFileThread, type Job, type StepName } from '../../src/engine/files/file-thread'
import { NotARealFolder } from '../../src/engine/files/not-a-real-folder'
import { tempDir } from '../helpers/photos'

describe('the file thread', () => {
  it('gives back errors as node:fs would: their code and path; a refused folder as a NotARealFolder', async () => {
    const dir = tempDir()
    const missing = join(dir, 'missing.png')
    await expect(copyFileAtomic(missing, join(dir, 'copy.png'))).rejects.toMatchObject({ code: 'ENOENT', path: missing })
    writeFileSync(join(dir, 'shoot'), 'a file where a folder should be')
    const refused = await writeFileAtomic(join(dir, 'shoot', 'a.png'), 'x', { within: dir, tempDir: join(dir, '.tmp') }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(NotARealFolder)
    expect((refused as NotARealFolder).path).toBe(join(dir, 'shoot'))
    expect((refused as Error).message).toMatch(/^shoot in .* is a link or not a folder/)
  })

  it('carries bytes that are a part of a bigger buffer as their own bytes only', async () => {
    const dir = tempDir()
    const whole = Buffer.from('0123456789')
    await writeFileAtomic(join(dir, 'part.txt'), whole.subarray(3, 6))
    expect(readFileSync(join(dir, 'part.txt'), 'utf8')).toBe('345')
  })

  it('runs every one of its steps: each finds the helpers it calls on the thread', async () => {
    const dir = tempDir()
    const file = join(dir, 'a.txt')
    writeFileSync(file, 'a')
    const way = { top: dir, levels: [join(dir, 'shoot')] }
    const journal = openSync(join(dir, 'journal'), 'a')
    // One job for each step (the type asks for a new step's): a helper left out of HELPERS fails here.
    const jobs: { [K in StepName]: Job<K> } = {
      lookAtPhotoStep: { path: file, outDir: dir, read: true, readUpTo: 1024 },
      readManifestStep: { dir, name: 'missing.json', sizes: true },
      realFoldersStep: way,
      replaceStep: { path: join(dir, 'shoot', 'b.txt'), temp: join(dir, 'b.tmp'), fill: { copyOf: file }, target: { way }, tempFolders: { make: dir }, tempCheck: null, recheck: way },
      putEntryStep: { temp: join(dir, 'incoming'), final: join(dir, 'entries', 'k'), files: [{ name: '1.txt', data: 'x' }] },
      syncFolderStep: dir,
      appendStep: { fd: journal, text: 'line\n', path: join(dir, 'journal'), ino: 0n, dev: 0n },
      journalTailStep: { path: join(dir, 'journal'), upTo: null },
      makeLockStep: { lock: join(dir, 'locks', 'k.lock'), owner: '{}' },
      linkLockStep: { lock: join(dir, 'locks', 'l.lock'), owner: '{}', file: join(dir, 'locks', '.owner-test.1.ab'), freshMs: 5_000 },
      removeLockStep: join(dir, 'locks', 'k.lock')
    }
    for (const [name, job] of Object.entries(jobs)) await expect(onFileThread(name as StepName, job as never), name).resolves.not.toThrow()
    closeSync(journal)
    expect(readFileSync(join(dir, 'shoot', 'b.txt'), 'utf8')).toBe('a')
    expect(readFileSync(join(dir, 'journal'), 'utf8')).toBe('line\n')
  })

  it('refuses a job it cannot send, and goes on with the next', async () => {
    await expect(onFileThread('syncFolderStep', (() => undefined) as never)).rejects.toThrow(/could not be cloned/)
    await expect(onFileThread('syncFolderStep', tempDir())).resolves.toBeUndefined()
  })

  // One thread does the work while it keeps up; a job held up (a flush to a slow disk) must not hold up the next.
  it.skipIf(process.platform === 'win32')('sends the next job to another thread while one is held up', async () => {
    const dir = tempDir()
    // Reading a named pipe waits for a writer: a job that is held up for as long as the test likes.
    execFileSync('mkfifo', [join(dir, 'held.json')])
    const held = onFileThread('readManifestStep', { dir, name: 'held.json', sizes: false })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(onFileThread('readManifestStep', { dir, name: 'none.json', sizes: false })).resolves.toBeNull()
    writeFileSync(join(dir, 'held.json'), '{"outputs":[]}')
    await expect(held).resolves.toEqual({ meta: { outputs: [] }, sizes: [] })
  })

  it.skipIf(process.platform === 'win32')('does not put a whole burst of jobs behind one that is held up', async () => {
    const dir = tempDir()
    execFileSync('mkfifo', [join(dir, 'held.json')])
    const held = onFileThread('readManifestStep', { dir, name: 'held.json', sizes: false })
    const burst = Array.from({ length: 8 }, () => onFileThread('readManifestStep', { dir, name: 'none.json', sizes: false }))
    await expect(Promise.race(burst)).resolves.toBeNull()
    writeFileSync(join(dir, 'held.json'), '{"outputs":[]}')
    await Promise.all([held, ...burst])
  })

  // Its steps go to the thread as their source text: the app's main process is bundled by
  // electron-vite (Vite, Rollup), which may rename or minify them; they must still find each other.
  for (const minify of [false, true]) {
    it(`starts and works from a bundle built as the app's main process is${minify ? ', minified' : ''}`, async () => {
      const out = tempDir()
      await build({
        configFile: false,
        logLevel: 'silent',
        build: { ssr: resolve('src/engine/files/atomic-write.ts'), outDir: out, minify, rollupOptions: { output: { format: 'es', entryFileNames: 'atomic-write.mjs' } } }
      })
      const bundled = (await import(pathToFileURL(join(out, 'atomic-write.mjs')).href)) as typeof import('../../src/engine/files/atomic-write')
      const dir = tempDir()
      mkdirSync(join(dir, 'out'))
      await bundled.writeFileAtomic(join(dir, 'out', 'shoot', 'a.png'), 'bundled', { within: join(dir, 'out'), tempDir: join(dir, 'out', '.tmp') })
      expect(readFileSync(join(dir, 'out', 'shoot', 'a.png'), 'utf8')).toBe('bundled')
    })
  }
})
