import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { resolveExportOptions } from '../../src/main/export'
import { loadSkuLookup } from '../../src/main/export/sku'
import { TSX } from '../helpers/cli'
import { tempDir } from '../helpers/photos'

const NAMING = resolve(__dirname, '../../src/main/export/naming.ts')
const SKU = resolve(__dirname, '../../src/main/export/sku.ts')

/**
 * Runs `code` in a process of its own and gives back what it printed. Work that freezes its event loop
 * (hours of backtracking, a quadratic loop) cannot be stopped from inside: here it is killed after a
 * deadline far beyond what linear work needs, and the test fails rather than hanging the run.
 */
function inOwnProcess(code: string, deadlineMs = 25_000): Promise<string> {
  const file = join(tempDir('proofsheet-naming-'), 'work.mts')
  writeFileSync(file, code)
  return new Promise((done, fail) => {
    execFile(process.execPath, ['--import', TSX, file], { timeout: deadlineMs }, (error, stdout, stderr) => {
      if (error) fail(new Error(error.killed ? `still working after ${deadlineMs / 1000} s: killed` : `${error.message}\n${stderr}`))
      else done(stdout.trim())
    })
  })
}

test('a SKU pattern runs in time linear in the name: ^(a+)+$ on a long name answers at once', async () => {
  const printed = await inOwnProcess(`
    import { loadSkuLookup } from ${JSON.stringify(SKU)}
    const lookup = await loadSkuLookup({ pattern: '^(a+)+$' })
    console.log(JSON.stringify([lookup('${'a'.repeat(40)}!.jpg') ?? null, lookup('aaaa') ?? null]))
  `)
  expect(JSON.parse(printed)).toEqual([null, 'aaaa'])
})

test('SKU patterns that need backtracking are refused, naming the field; groups and Unicode classes work', async () => {
  await expect(loadSkuLookup({ pattern: '^(a)\\1' })).rejects.toThrow(/^the SKU pattern is not a valid regular expression: .*\\1/)
  await expect(loadSkuLookup({ pattern: '(?=a)' })).rejects.toThrow(/^the SKU pattern is not a valid regular expression: .*look-ahead, look-behind and back-references are not supported/)
  await expect(loadSkuLookup({ pattern: '(' })).rejects.toThrow(/^the SKU pattern is not a valid regular expression: missing closing \)/)
  const lookup = await loadSkuLookup({ pattern: '^(\\p{Lu}+-\\d+)_' })
  expect([lookup('ÉTÉ-12_front.jpg'), lookup('front.jpg')]).toEqual(['ÉTÉ-12', undefined])
})

test('names are made safe in time linear in their length, and 20,000 photos given one name are numbered at once', async () => {
  const printed = await inOwnProcess(`
    import { safeSegment, uniqueNames } from ${JSON.stringify(NAMING)}
    const safe = safeSegment('é'.repeat(200_000))
    const names = uniqueNames(Array.from({ length: 20_000 }, () => ({ dir: '', stem: 'mug' })), 'jpg', new Set(['mug (3).jpg']))
    const paths = names.map((n) => typeof n === 'string' ? n : n.path)
    console.log(JSON.stringify({ bytes: Buffer.byteLength(safe), first: paths.slice(0, 3), last: paths.at(-1), distinct: new Set(paths).size }))
  `)
  expect(JSON.parse(printed)).toEqual({ bytes: 200, first: ['mug.jpg', 'mug (2).jpg', 'mug (4).jpg'], last: 'mug (20001).jpg', distinct: 20_000 })
})

test('a naming template has a length limit and {n} a width limit, each refused naming the template', () => {
  expect(() => resolveExportOptions({ outDir: '/x', template: '{n:40000}' })).toThrow(/^template: \{n:40000\} is too wide: {n} takes a width of 1 to 9 digits/)
  expect(() => resolveExportOptions({ outDir: '/x', template: `{name}${'-'.repeat(300)}` })).toThrow(/^template: at most 200 characters/)
})
