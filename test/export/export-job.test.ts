import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import sharp from 'sharp'
import { afterEach, expect, test } from 'vitest'
import type { Catalog } from '../../src/main/catalog/catalog'
import { EXPORT_RECORD, ExportOptionsError, exportPhotos, type ExportEvent } from '../../src/main/export'
import { parseCsv } from '../../src/main/export/csv'
import { centreColour, makeCatalog, writeText, type FixturePhoto } from './fixtures'

const open: Catalog[] = []
afterEach(() => open.splice(0).forEach((c) => c.close()))

async function catalogOf(photos: FixturePhoto[]): Promise<Awaited<ReturnType<typeof makeCatalog>>> {
  const made = await makeCatalog(photos)
  open.push(made.catalog)
  return made
}

const picked = (folder: string, name: string, colour = '#3060c0'): FixturePhoto => ({ folder, name, results: [{ outputs: [{ colour }] }], review: { flag: 'pick' } })

/** The files an export left, but for its record of them. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== EXPORT_RECORD)
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort()
}

test('names follow the template: {sku} from a CSV, {n}, {date}, {provider}, {operation}, {variant}; collisions get " (2)"', async () => {
  const { catalog, dir } = await catalogOf([picked('day-1', 'IMG_0001.jpg'), picked('day-1', 'IMG_0002.jpg'), picked('day-2', 'IMG_0001.jpg')])
  const csv = writeText(join(dir, 'skus.csv'), 'file,sku\r\nIMG_0001,MUG-RED\r\n"IMG_0002.jpg",MUG-BLUE\r\n')
  const out = join(dir, 'export')
  const summary = await exportPhotos(catalog, { outDir: out, template: '{sku}_{n}_{date}_{provider}-{operation}-v{variant}', sku: { csv } })
  expect(summary.records.map((r) => r.output)).toEqual([
    'MUG-RED_001_2026-05-01_photoroom-remove-background-v1.jpg',
    'MUG-BLUE_002_2026-05-01_photoroom-remove-background-v1.jpg',
    'MUG-RED_003_2026-05-01_photoroom-remove-background-v1.jpg'
  ])
  // Same name twice: mirroring keeps them apart; without it, the second one is " (2)".
  const flat = await exportPhotos(catalog, { outDir: join(dir, 'flat'), template: '{sku}', sku: { pattern: '^(IMG)_' } })
  expect(flat.records.map((r) => r.output)).toEqual(['IMG.jpg', 'IMG (2).jpg', 'IMG (3).jpg'])
  const mirrored = await exportPhotos(catalog, { outDir: join(dir, 'mirrored'), template: '{folder}-{name}', mirrorFolders: true })
  expect(mirrored.records.map((r) => r.output)).toEqual(['day-1/day-1-IMG_0001.jpg', 'day-1/day-1-IMG_0002.jpg', 'day-2/day-2-IMG_0001.jpg'])
  expect(filesUnder(join(dir, 'mirrored'))).toContain('day-2/day-2-IMG_0001.jpg')
})

test('names are NFC, safe and inside the export folder, whatever the SKU says', async () => {
  const { catalog, dir } = await catalogOf([picked('', 'Cafe\u0301.jpg'), picked('', 'con.jpg')])
  const csv = writeText(join(dir, 'skus.csv'), 'Café.jpg,../../etc/pa:ss?\ncon.jpg,CON\n')
  const summary = await exportPhotos(catalog, { outDir: join(dir, 'export'), template: '{name} {sku}', sku: { csv } })
  expect(summary.records.map((r) => r.output)).toEqual(['Café .._.._etc_pa_ss_.jpg', 'con CON.jpg'])
  expect(summary.records[0]!.output!.normalize('NFC')).toBe(summary.records[0]!.output)
  const alone = await exportPhotos(catalog, { outDir: join(dir, 'alone'), template: '{sku}', sku: { csv }, selection: { kind: 'photos', photoIds: [2] } })
  expect(alone.records.map((r) => r.output)).toEqual(['_CON.jpg'])
})

test('an export into the folder of the originals never replaces one', async () => {
  const { catalog, dir } = await catalogOf([picked('', 'a.jpg'), picked('', 'b.jpg')])
  const shoot = join(dir, 'shoot')
  const before = readFileSync(join(shoot, 'a.jpg'))
  const summary = await exportPhotos(catalog, { outDir: shoot, intoOriginalsFolder: true })
  expect(summary.records.map((r) => r.output)).toEqual(['a (2).jpg', 'b (2).jpg'])
  expect(readFileSync(join(shoot, 'a.jpg')).equals(before)).toBe(true)
})

test('an export into the results folder never replaces a result, though the window shows its own copy of it', async () => {
  const { catalog, dir } = await catalogOf([{ folder: '', name: 'a.jpg', results: [{ outputs: [{ colour: '#3060c0' }], kept: true }], review: { flag: 'pick' } }])
  const results = join(dir, 'results')
  const before = readFileSync(join(results, '0-0-0-a.jpg'))
  const summary = await exportPhotos(catalog, { outDir: results, template: '0-0-0-{name}' })
  expect(summary.records.map((r) => r.output)).toEqual(['0-0-0-a (2).jpg'])
  expect(readFileSync(join(results, '0-0-0-a.jpg')).equals(before)).toBe(true)
})

test('a re-export rewrites nothing; a changed mark rewrites only that sidecar', async () => {
  const { catalog, dir, ids } = await catalogOf([picked('', 'a.jpg'), picked('', 'b.jpg')])
  const out = join(dir, 'export')
  const options = { outDir: out, storeCheck: 'amazon', shopify: {} } as const
  expect(await exportPhotos(catalog, options)).toMatchObject({ written: 2, unchanged: 0 })
  const before = new Map(filesUnder(out).map((f) => [f, statSync(join(out, f)).mtimeMs]))
  expect([...before.keys()]).toEqual(['a.jpg', 'a.jpg.xmp', 'b.jpg', 'b.jpg.xmp', 'manifest.csv', 'manifest.json', 'shopify-products.csv'])
  await new Promise((done) => setTimeout(done, 20))

  expect(await exportPhotos(catalog, options)).toMatchObject({ written: 0, unchanged: 2 })
  expect(new Map(filesUnder(out).map((f) => [f, statSync(join(out, f)).mtimeMs]))).toEqual(before)

  catalog.setReview(ids[1]!, { rating: 5 })
  await exportPhotos(catalog, options)
  const changed = filesUnder(out).filter((f) => statSync(join(out, f)).mtimeMs !== before.get(f))
  expect(changed.sort()).toEqual(['b.jpg.xmp', 'manifest.csv', 'manifest.json'])
})

test('every format encodes the same bytes twice, so each re-export is skipped', async () => {
  const { catalog, dir } = await catalogOf([{ folder: '', name: 'a.jpg', results: [{ outputs: [{ colour: '#3060c0', transparent: true }] }], review: { flag: 'pick' } }])
  for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
    const options = { outDir: join(dir, format), format, resize: { width: 150, height: 150, fit: 'pad' }, dpi: 150 } as const
    expect(await exportPhotos(catalog, options)).toMatchObject({ written: 1 })
    expect(await exportPhotos(catalog, options), format).toMatchObject({ written: 0, unchanged: 1 })
  }
})

test('cancelled mid-way: no partial files, no manifest, and the next export finishes the job', async () => {
  const { catalog, dir } = await catalogOf(Array.from({ length: 6 }, (_, i) => picked('', `p${i}.jpg`)))
  const out = join(dir, 'export')
  const controller = new AbortController()
  const events: ExportEvent[] = []
  const summary = await exportPhotos(catalog, { outDir: out, concurrency: 1 }, {
    signal: controller.signal,
    onEvent: (e) => {
      events.push(e)
      if (e.type === 'photo' && e.done === 2) controller.abort()
    }
  })
  // One render at a time, but a second photo may be past its render (and so written) when the abort comes.
  const written = events.flatMap((e) => (e.type === 'photo' ? [e.output!] : []))
  expect(written.length).toBeGreaterThanOrEqual(2)
  expect(written.length).toBeLessThanOrEqual(3)
  expect(summary).toMatchObject({ cancelled: true, total: 6, written: written.length, manifests: [] })
  expect(events[0]).toEqual({ type: 'planned', total: 6 })
  const files = filesUnder(out)
  expect(files).toEqual(written.flatMap((f) => [f, `${f}.xmp`]).sort())
  for (const f of files.filter((f) => f.endsWith('.jpg'))) expect((await sharp(join(out, f)).stats()).isOpaque).toBe(true)

  expect(await exportPhotos(catalog, { outDir: out })).toMatchObject({ cancelled: false, written: 6 - written.length, unchanged: written.length })
  expect(filesUnder(out).filter((f) => f.endsWith('.jpg'))).toHaveLength(6)
})

test('the chosen variant and output are exported; otherwise the newest result; {variant} and {preset} name them', async () => {
  const { catalog, dir } = await catalogOf([
    {
      folder: '',
      name: 'chosen.jpg',
      results: [{ operation: 'edit', params: { prompt: 'warm' }, outputs: [{ colour: '#ff0000' }, { colour: '#00ff00' }] }, { outputs: [{ colour: '#0000ff' }] }],
      chosen: [0, 1],
      review: { flag: 'pick' }
    },
    { folder: '', name: 'newest.jpg', results: [{ outputs: [{ colour: '#ff0000' }] }, { params: { a: 1 }, outputs: [{ colour: '#0000ff' }] }], review: { flag: 'pick' } }
  ])
  catalog.savePreset({ name: 'Warm edit', operationId: 'photoroom.edit', values: { prompt: 'warm' }, schemaVersion: 1 })
  const out = join(dir, 'export')
  const summary = await exportPhotos(catalog, { outDir: out, template: '{name}-{variant}-{preset}' })
  expect(summary.records.map((r) => r.output)).toEqual(['chosen-1-2-Warm edit.jpg', 'newest-2-custom.jpg'])
  const [r, g, b] = await centreColour(join(out, 'chosen-1-2-Warm edit.jpg'))
  expect(g).toBeGreaterThan(200)
  expect(r + b).toBeLessThan(60)
  expect((await centreColour(join(out, 'newest-2-custom.jpg')))[2]).toBeGreaterThan(200)
})

test('manifest rows in CSV and JSON with the store check; the Shopify CSV with a base URL', async () => {
  const { catalog, dir } = await catalogOf([
    { folder: '', name: 'red-mug.jpg', results: [{ params: { 'background.color': 'FFFFFF' }, outputs: [{ colour: '#c02020', width: 1200, height: 1200, fill: 0.9 }] }], review: { flag: 'pick', rating: 5, label: 'blue' } },
    { folder: '', name: 'small.jpg', results: [{ outputs: [{ colour: '#c02020' }] }], review: { flag: 'pick' } },
    { folder: '', name: 'empty.jpg', results: [], review: { flag: 'pick' } }
  ])
  const out = join(dir, 'export')
  const summary = await exportPhotos(catalog, { outDir: out, template: '{name} product', storeCheck: 'amazon', shopify: { baseUrl: 'https://cdn.example.com/shop' } })
  expect(summary).toMatchObject({ written: 2, failed: 1, storeFailures: 1 })

  const [header, ...rows] = parseCsv(readFileSync(join(out, 'manifest.csv'), 'utf8'))
  const byColumn = rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]])))
  expect(byColumn.map((r) => r['source'])).toEqual(['empty.jpg', 'red-mug.jpg', 'small.jpg'].map((n) => join(dir, 'shoot', n)))
  expect(byColumn[0]).toMatchObject({ output: '', error: 'no result to export yet', flag: 'pick' })
  expect(byColumn[1]).toMatchObject({
    output: 'red-mug product.jpg', provider: 'photoroom', operation: 'remove-background', parameters: '{"background.color":"FFFFFF"}',
    cost: '1', cost_unit: 'images', variant: '1', flag: 'pick', rating: '5', label: 'blue', width: '1200', height: '1200', store_check: 'pass', store_check_reasons: ''
  })
  expect(byColumn[1]!['checksum']).toMatch(/^[0-9a-f]{64}$/)
  expect(byColumn[2]).toMatchObject({ store_check: 'fail' })
  expect(byColumn[2]!['store_check_reasons']).toContain('the image is 200 × 100 px; Amazon needs at least 1,000 px on the longest side')

  const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { photos: Record<string, unknown>[] }
  expect(json.photos[1]).toMatchObject({ output: 'red-mug product.jpg', rating: 5, parameters: { 'background.color': 'FFFFFF' }, storeCheck: { passed: true, rule: 'Amazon' } })

  expect(parseCsv(readFileSync(join(out, 'shopify-products.csv'), 'utf8'))).toEqual([
    ['Handle', 'Image Src', 'Image Position', 'Image Alt Text'],
    ['red-mug', 'https://cdn.example.com/shop/red-mug%20product.jpg', '1', 'red mug'],
    ['small', 'https://cdn.example.com/shop/small%20product.jpg', '1', 'small']
  ])
})

test('selections: approved only, all that have a result but the rejects, or the photos given; a missing result file fails that photo alone', async () => {
  const unflagged = { ...picked('', 'd.jpg'), review: {} }
  const { catalog, dir, ids } = await catalogOf([picked('', 'a.jpg'), { ...picked('', 'b.jpg'), review: { flag: 'reject' } }, { folder: '', name: 'c.jpg', results: [] }, unflagged])
  expect((await exportPhotos(catalog, { outDir: join(dir, '1') })).records.map((r) => r.output)).toEqual(['a.jpg'])
  // A photo marked as a reject is not one the photographer wants anywhere.
  expect((await exportPhotos(catalog, { outDir: join(dir, '2'), selection: { kind: 'done' } })).records.map((r) => r.output)).toEqual(['a.jpg', 'd.jpg'])
  expect((await exportPhotos(catalog, { outDir: join(dir, '3'), selection: { kind: 'photos', photoIds: [ids[1]!] } })).records.map((r) => r.output)).toEqual(['b.jpg'])

  const [result] = catalog.results(ids[3]!)
  rmSync(result!.outputs[0]!.path)
  const summary = await exportPhotos(catalog, { outDir: join(dir, '4'), selection: { kind: 'done' } })
  expect(summary).toMatchObject({ written: 1, failed: 1 })
  expect(summary.records[1]).toMatchObject({ output: null, error: `Input file is missing: ${result!.outputs[0]!.path}` })
})

test('bad options are refused before anything is written, naming the option', async () => {
  const { catalog, dir } = await catalogOf([picked('', 'a.jpg')])
  const out = join(dir, 'export')
  await expect(exportPhotos(catalog, { outDir: out, template: '{name}-{colour}' })).rejects.toThrow(/template: unknown token \{colour\}/)
  await expect(exportPhotos(catalog, { outDir: out, template: '{sku}' })).rejects.toThrow(ExportOptionsError)
  await expect(exportPhotos(catalog, { outDir: out, quality: 0 })).rejects.toThrow(/^quality: /)
  await expect(exportPhotos(catalog, { outDir: out, sku: { pattern: '(' } })).rejects.toThrow(/SKU pattern is not a valid regular expression/)
  await expect(exportPhotos(catalog, { outDir: out, selection: { kind: 'photos', photoIds: [99] } })).rejects.toThrow('no photo 99 in the catalog')
  expect(() => statSync(out)).toThrow()
})
