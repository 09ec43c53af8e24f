import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import { describe, expect, it } from 'vitest'
import { copyFileAtomic, writeFileAtomic } from '../../src/engine/files/atomic-write'
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
