import { linkSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Journal } from '../../src/engine/purchases/journal'
import { tempDir } from '../helpers/photos'

const line = (key: string, event: string, at = '2026-01-01T00:00:00.000Z'): string => `${JSON.stringify({ at, key, file: `/in/${key}.jpg`, event })}\n`
const records = (path: string): { key: string; event: string }[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as { key: string; event: string }]
      } catch {
        return []
      }
    })

describe('the journal', () => {
  it('ends a torn last line on open, so the next record is not lost in it', async () => {
    const path = join(tempDir(), 'journal.ndjson')
    writeFileSync(path, `${line('aa', 'sending')}{"at":"2026-01-01","key":"bb","ev`)
    const { journal, unanswered } = await Journal.open(path)
    expect([...unanswered.keys()]).toEqual(['aa'])
    await journal.append({ key: 'aa', file: '/in/aa.jpg', event: 'received' })
    await journal.close()
    expect(records(path).map((r) => `${r.key}:${r.event}`)).toEqual(['aa:sending', 'aa:received'])
    expect((await Journal.open(path)).unanswered.size).toBe(0)
  })

  it('is compacted when it grows, keeping every key that may have been charged', async () => {
    const path = join(tempDir(), 'journal.ndjson')
    let text = ''
    for (let i = 0; i < 2000; i++) text += line(`c${i.toString(16)}`, 'sending') + line(`c${i.toString(16)}`, 'received')
    text += line('ab12', 'sending') + line('ab12', 'outcome-unknown') + line('ab12', 'failed') + line('cd34', 'sending')
    writeFileSync(path, text)
    const before = statSync(path).size
    const { journal, unanswered } = await Journal.open(path, 10_000)
    expect([...unanswered.keys()].sort()).toEqual(['ab12', 'cd34'])
    expect(statSync(path).size).toBeLessThan(before / 50)
    expect((await Journal.open(path)).unanswered).toEqual(unanswered)
    // Appends after compaction land in the compacted file.
    await journal.append({ key: 'cd34', file: '/in/cd34.jpg', event: 'received' })
    await journal.close()
    expect([...(await Journal.open(path)).unanswered.keys()]).toEqual(['ab12'])
  })

  it('a writer opened before another run compacted the journal appends to the new file', async () => {
    const path = join(tempDir(), 'journal.ndjson')
    writeFileSync(path, line('ee', 'sending'))
    const { journal: early } = await Journal.open(path)
    await early.append({ key: 'ff', file: '/in/ff.jpg', event: 'sending' })
    writeFileSync(path, readFileSync(path, 'utf8') + 'x'.repeat(20_000) + '\n')
    await Journal.open(path, 10_000)
    await early.append({ key: 'ff', file: '/in/ff.jpg', event: 'received' })
    await early.close()
    expect([...(await Journal.open(path)).unanswered.keys()]).toEqual(['ee'])
  })

  it('a writer whose old file keeps a link once compacted (a network share renames it aside) still appends to the new file', async () => {
    const dir = tempDir()
    const path = join(dir, 'journal.ndjson')
    writeFileSync(path, line('c0', 'sending'))
    const { journal: early } = await Journal.open(path)
    await early.append({ key: 'd0', file: '/in/d0.jpg', event: 'sending' })
    // An NFS client renames a file removed while open to .nfsXXXX: its link count stays 1, as here.
    linkSync(path, join(dir, '.nfs0001'))
    writeFileSync(path, readFileSync(path, 'utf8') + 'x'.repeat(20_000) + '\n')
    await Journal.open(path, 10_000)
    await early.append({ key: 'd0', file: '/in/d0.jpg', event: 'received' })
    await early.close()
    expect([...(await Journal.open(path)).unanswered.keys()]).toEqual(['c0'])
  })
  it('a handle that went bad (a file gone stale on a share) is given up: the next records are written by name, none lost', async () => {
    const path = join(tempDir(), 'journal.ndjson')
    const { journal } = await Journal.open(path)
    await journal.append({ key: 'a1', file: '/in/a1.jpg', event: 'sending' })
    // Closed behind the journal's back: its next write fails as on a stale handle.
    await (journal as unknown as { handle: FileHandle }).handle.close()
    await journal.append({ key: 'a1', file: '/in/a1.jpg', event: 'received' })
    await journal.append({ key: 'b1', file: '/in/b1.jpg', event: 'sending' })
    await journal.close()
    expect(records(path).map((r) => `${r.key}:${r.event}`)).toEqual(['a1:sending', 'a1:received', 'b1:sending'])
  })
  it('keeps through compaction what a later run needs of paid keys: answers lost, and results written but never cached (issue 19 item 2)', async () => {
    const path = join(tempDir(), 'journal.ndjson')
    const paid = (key: string, extra: object): string => `${JSON.stringify({ at: '2026-01-01T00:00:00.000Z', key, file: `/in/${key}.jpg`, event: 'received', ...extra })}\n`
    const output = { path: '/out/photo.png', extension: 'png', bytes: 10, sha256: 'ab'.repeat(32) }
    let text = ''
    for (let i = 0; i < 2000; i++) text += line(`c${i.toString(16)}`, 'sending') + paid(`c${i.toString(16)}`, { outputs: [output] })
    text += line('ee01', 'sending') + `${JSON.stringify({ at: '2026-01-01T00:00:00.000Z', key: 'ee01', file: '/in/ee01.jpg', event: 'lost', detail: 'too big' })}\n`
    text += line('ee02', 'sending') + paid('ee02', { outputs: [output] })
    writeFileSync(path, text)
    // Only ee02 has no cache entry: the others' records are no longer needed.
    const { paid: kept } = await Journal.open(path, 10_000, async (record) => record.event === 'lost' || record.key === 'ee02')
    expect(statSync(path).size).toBeLessThan(2000)
    expect([...kept.keys()].sort()).toEqual(['ee01', 'ee02'])
    expect(kept.get('ee02')).toMatchObject({ event: 'received', outputs: [output] })
    expect((await Journal.open(path)).paid).toEqual(kept)
  })
})
