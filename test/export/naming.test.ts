import { join } from 'node:path'
import { expect, test } from 'vitest'
import { formatCsv, parseCsv } from '../../src/main/export/csv'
import { renderTemplate, safeSegment, templateProblem, uniqueNames } from '../../src/main/export/naming'
import { loadSkuLookup } from '../../src/main/export/sku'
import { tempDir } from '../helpers/photos'
import { writeText } from './fixtures'

const values = { name: 'IMG_1', folder: 'day-1', date: '2026-05-01', provider: 'pixelcut', operation: 'remove-background', preset: 'White', variant: '2', sku: 'SKU-9' }

test('tokens fill in; {n} pads to the total (at least 3) or to the width asked', () => {
  expect(renderTemplate('{sku}_{n}_{name}', values, 7, 40)).toBe('SKU-9_007_IMG_1')
  expect(renderTemplate('{n}', values, 7, 12_000)).toBe('00007')
  expect(renderTemplate('{n:2}-{folder}-{date}-{provider}-{operation}-{preset}-v{variant}', values, 7, 12_000)).toBe('07-day-1-2026-05-01-pixelcut-remove-background-White-v2')
  expect(templateProblem('{name}{n:4}')).toBeUndefined()
  expect(templateProblem('{name:3}')).toBe('only {n} takes a width, as in {n:4}; not {name:3}')
  expect(templateProblem('{Name}')).toMatch(/^unknown token \{Name\} in the naming template; use \{name\} \{folder\} \{n\}/)
})

test('safe names: NFC, no separators or reserved characters, no device names, trailing dots or empty names', () => {
  expect(safeSegment('Cafe\u0301')).toBe('Caf\u00e9')
  expect(safeSegment('a/b\\c:d*e?f"g<h>i|j\u0007k')).toBe('a_b_c_d_e_f_g_h_i_j_k')
  expect(safeSegment('..')).toBe('_')
  expect(safeSegment('')).toBe('_')
  expect(safeSegment('name. . ')).toBe('name')
  expect(safeSegment('LPT1')).toBe('_LPT1')
  expect(safeSegment('nul.txt')).toBe('_nul.txt')
  expect(Buffer.byteLength(safeSegment('é'.repeat(300)))).toBe(200)
})

test('collisions get " (2)", " (3)" regardless of case; folders are made safe too', () => {
  const paths = (named: { path: string }[]): string[] => named.map((n) => n.path)
  expect(paths(uniqueNames([{ dir: '', stem: 'a' }, { dir: '', stem: 'A' }, { dir: '', stem: 'a' }, { dir: 'x', stem: 'a' }], 'jpg'))).toEqual(['a.jpg', 'A (2).jpg', 'a (3).jpg', 'x/a.jpg'])
  expect(paths(uniqueNames([{ dir: '../../etc', stem: 'passwd' }, { dir: 'a\\b/./c', stem: 'p' }], 'png'))).toEqual(['_/_/etc/passwd.png', 'a/b/c/p.png'])
})

test('CSV round trip with quotes, commas, new lines and a byte-order mark', () => {
  const rows = [['a,b', 'say "hi"', 'line\nbreak', ' padded'], ['', '1', '', 'x']]
  const text = formatCsv(['h1', 'h2', 'h3', 'h4'], rows)
  expect(text).toBe('h1,h2,h3,h4\r\n"a,b","say ""hi""","line\nbreak"," padded"\r\n,1,,x\r\n')
  expect(parseCsv(`\uFEFF${text}\r\n`)).toEqual([['h1', 'h2', 'h3', 'h4'], ...rows])
})

test('SKUs from a CSV (with or without extension, any case) or from a pattern on the file name', async () => {
  const csv = writeText(join(tempDir(), 'skus.csv'), 'File name,SKU\nmug.jpg,MUG-1\nLAMP,LAMP-7\n')
  const fromCsv = await loadSkuLookup({ csv })
  expect([fromCsv('mug.jpg'), fromCsv('lamp.png'), fromCsv('vase.jpg')]).toEqual(['MUG-1', 'LAMP-7', undefined])
  const fromPattern = await loadSkuLookup({ pattern: '^([A-Z]+-\\d+)_' })
  expect([fromPattern('AB-12_front.jpg'), fromPattern('front.jpg')]).toEqual(['AB-12', undefined])
  expect((await loadSkuLookup({ pattern: '\\d+' }))('item 42.jpg')).toBe('42')
  await expect(loadSkuLookup({ csv: writeText(join(tempDir(), 'bad.csv'), 'mug.jpg\n') })).rejects.toThrow('needs a file name and a SKU on every row')
  await expect(loadSkuLookup({ csv: '/nowhere/skus.csv' })).rejects.toThrow('the SKU mapping /nowhere/skus.csv cannot be read (ENOENT)')
})

test('taken names (originals, results, files Proofsheet did not write) are never given out, for a file or its sidecar; each move is told', () => {
  expect(uniqueNames([{ dir: '', stem: 'a' }, { dir: 'x', stem: 'b' }, { dir: '', stem: 'a' }], 'jpg', new Set(['a.jpg', 'x/b.jpg', 'x/b (2).jpg']))).toEqual([
    { path: 'a (2).jpg', displaced: 'a.jpg' },
    { path: 'x/b (3).jpg', displaced: 'x/b.jpg' },
    { path: 'a (3).jpg', displaced: 'a.jpg' }
  ])
  expect(uniqueNames([{ dir: '', stem: 'c' }, { dir: '', stem: 'c' }], 'jpg', new Set(['c.jpg.xmp']), ['.xmp'])).toEqual([{ path: 'c (2).jpg', displaced: 'c.jpg' }, { path: 'c (3).jpg', displaced: 'c.jpg' }])
  expect(uniqueNames([{ dir: '', stem: 'd' }, { dir: '', stem: 'd' }], 'jpg')).toEqual([{ path: 'd.jpg' }, { path: 'd (2).jpg' }])
})
