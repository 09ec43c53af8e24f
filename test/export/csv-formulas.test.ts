import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import type { Catalog } from '../../src/main/catalog/catalog'
import { exportPhotos } from '../../src/main/export'
import { parseCsv } from '../../src/main/export/csv'
import { makeCatalog, writeText } from './fixtures'

const open: Catalog[] = []
afterEach(() => open.splice(0).forEach((c) => c.close()))

const column = (text: string, name: string): string[] => {
  const [header, ...rows] = parseCsv(text)
  const i = header!.indexOf(name)
  return rows.map((row) => row[i]!)
}

test('a name or SKU that a spreadsheet would run as a formula reaches manifest.csv and shopify-products.csv as text', async () => {
  const names = ['=HYPERLINK("x")A.jpg', '+1B.jpg', '-2C.jpg', '@SUM(1)D.jpg', 'plain.jpg']
  const made = await makeCatalog(names.map((name) => ({ folder: '', name, results: [{ outputs: [{ colour: '#3060c0' }] }], review: { flag: 'pick' } })))
  open.push(made.catalog)
  const csv = writeText(join(made.dir, 'skus.csv'), names.map((n, i) => `"${n.replaceAll('"', '""')}",${['=cmd|x', '+SKU', '-SKU', '@SKU', '\tSKU'][i]}`).join('\n'))
  const out = join(made.dir, 'export')
  const summary = await exportPhotos(made.catalog, { outDir: out, template: '{name}', sku: { csv }, shopify: {} })
  expect(summary.failed).toBe(0)

  const manifest = readFileSync(join(out, 'manifest.csv'), 'utf8')
  const skus = column(manifest, 'sku')
  // The SKU CSV is trimmed as it is read, so the tab SKU arrives as "SKU".
  expect(skus.sort()).toEqual(["'+SKU", "'-SKU", "'=cmd|x", "'@SKU", 'SKU'])
  for (const cell of parseCsv(manifest).flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/)

  const shopify = readFileSync(join(out, 'shopify-products.csv'), 'utf8')
  for (const cell of parseCsv(shopify).flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/)
  expect(column(shopify, 'Image Src')).toContain(`'=HYPERLINK(_x_)A.jpg`)
  // The JSON manifest is not a spreadsheet: it keeps the values as they are.
  const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { photos: { sku: string }[] }
  expect(json.photos.map((p) => p.sku).sort()).toEqual(['+SKU', '-SKU', '=cmd|x', '@SKU', 'SKU'])
})
