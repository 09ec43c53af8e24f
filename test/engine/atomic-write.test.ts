import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFileAtomic, writeFileAtomic } from '../../src/engine/files/atomic-write'
import { pruneCache } from '../../src/engine/purchases/cache-upkeep'
import { ResultCache } from '../../src/engine/purchases/result-cache'
import { tempDir } from '../helpers/photos'

describe('the one atomic write', () => {
  it('never writes through a link: not where its temporary folder should be, not in a folder on the way (issue 19 items 5 and 14)', async () => {
    const dir = tempDir()
    const elsewhere = join(dir, 'elsewhere')
    mkdirSync(elsewhere)
    symlinkSync(elsewhere, join(dir, '.partial'))
    await expect(writeFileAtomic(join(dir, 'a.png'), 'new', { tempDir: join(dir, '.partial') })).rejects.toThrow(/\.partial in .* is a link/)
    mkdirSync(join(dir, 'out'))
    symlinkSync(elsewhere, join(dir, 'out', 'shoot'))
    await expect(writeFileAtomic(join(dir, 'out', 'shoot', 'b.png'), 'new', { within: join(dir, 'out') })).rejects.toThrow(/shoot in .* is a link/)
    expect(readdirSync(elsewhere)).toEqual([])
    await writeFileAtomic(join(dir, 'out', 'new', 'c.png'), 'new', { within: join(dir, 'out'), tempDir: join(dir, 'out', '.tmp') })
    expect(readFileSync(join(dir, 'out', 'new', 'c.png'), 'utf8')).toBe('new')
  })

  it('checks the folders on the way every time, though their names are worked out once: one swapped for a link after a first write is refused', async () => {
    const dir = tempDir()
    const out = join(dir, 'out')
    const elsewhere = join(dir, 'elsewhere')
    mkdirSync(elsewhere)
    await writeFileAtomic(join(out, 'shoot', 'day1', 'a.png'), 'first', { within: out, tempDir: join(out, '.tmp') })
    rmSync(join(out, 'shoot'), { recursive: true })
    symlinkSync(elsewhere, join(out, 'shoot'))
    await expect(writeFileAtomic(join(out, 'shoot', 'day1', 'b.png'), 'second', { within: out, tempDir: join(out, '.tmp') })).rejects.toThrow(/^shoot in .*out is a link/)
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it('replaces a file whole: a new file renamed over the old, nothing left beside it', async () => {
    const dir = tempDir()
    const path = join(dir, 'a.json')
    writeFileSync(path, 'old')
    const before = statSync(path).ino
    await writeFileAtomic(path, 'new')
    expect(readFileSync(path, 'utf8')).toBe('new')
    expect(statSync(path).ino).not.toBe(before)
    expect(readdirSync(dir)).toEqual(['a.json'])
  })

  it('leaves the old content and no temporary file when the new one cannot be written', async () => {
    const dir = tempDir()
    const path = join(dir, 'photo.png')
    writeFileSync(path, 'old')
    await expect(copyFileAtomic(join(dir, 'missing.png'), path, { tempDir: join(dir, 'partial') })).rejects.toThrow()
    expect(readFileSync(path, 'utf8')).toBe('old')
    expect(readdirSync(join(dir, 'partial'))).toEqual([])
  })

  it('pruning rewrites a purchase manifest atomically, never in place', async () => {
    const state = tempDir()
    mkdirSync(join(state, 'results'), { recursive: true })
    const key = 'ab'.repeat(20)
    await new ResultCache(join(state, 'results')).put(key, [{ bytes: Buffer.from('png bytes'), extension: 'png' }], {}, [])
    const manifest = join(state, 'results', key.slice(0, 2), key, 'result.json')
    const before = statSync(manifest).ino
    await pruneCache(state, 0)
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toMatchObject({ pruned: true })
    // A plain writeFile truncates and rewrites the same file: a crash between the two leaves it empty.
    expect(statSync(manifest).ino).not.toBe(before)
  })
})
