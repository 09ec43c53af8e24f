import { execFile, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import exifr, { sidecar } from 'exifr'
import sharp from 'sharp'
import { afterEach, expect, test } from 'vitest'
import type { Catalog } from '../../src/main/catalog/catalog'
import { parseExportCli, userDataDir } from '../../src/cli/export-args'
import { collect, EXPORT_CLI, type CliRun } from '../helpers/cli'
import { tempDir } from '../helpers/photos'
import { makeCatalog, writeText, type FixturePhoto } from './fixtures'

const ROOT = resolve(__dirname, '../..')
const open: Catalog[] = []
afterEach(() => open.splice(0).forEach((c) => c.close()))

/** As `npm run export` starts it (the build), from `cwd`, with only the environment given. */
function runExport(args: string[], env: Record<string, string>, cwd: string): Promise<CliRun> {
  const child = spawn(process.execPath, [EXPORT_CLI, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: env['HOME'] ?? tempDir(), INIT_CWD: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return collect(child)
}

const photos: FixturePhoto[] = [
  { folder: 'mugs', name: 'red mug.jpg', results: [{ outputs: [{ colour: '#c02020' }] }], review: { flag: 'pick', rating: 4, label: 'yellow' } },
  { folder: 'mugs', name: 'blue mug.jpg', results: [{ outputs: [{ colour: '#2020c0' }] }], review: { flag: 'reject' } },
  { folder: 'lamps', name: 'lamp.jpg', results: [], review: { flag: 'pick' } }
]

test('exports what was approved in the app, from the catalog in PROOFSHEET_USER_DATA, with template, metadata and manifests', { timeout: 90_000 }, async () => {
  const { catalog, dir } = await catalogOf()
  catalog.close()
  open.pop()
  writeText(join(dir, 'skus.csv'), 'red mug.jpg,MUG-RED\nlamp.jpg,LAMP-1\n')
  const args = ['--out', 'shop', '--template', '{sku}_{n:2}', '--sku-csv', 'skus.csv', '--mirror', '--format', 'png', '--dpi', '72', '--store-check', 'amazon', '--shopify', '--json']
  const run = await runExport(args, { PROOFSHEET_USER_DATA: join(dir, 'user-data') }, dir)
  expect(run.code, run.stderr).toBe(1)
  expect(run.stderr).toContain(`failed   ${join('shoot', 'lamps', 'lamp.jpg')} — no result to export yet`)
  const summary = run.events.find((e) => e['event'] === 'summary')
  expect(summary).toMatchObject({ total: 2, written: 1, failed: 1, storeFailures: 1, cancelled: false })
  expect(run.events.filter((e) => e['event'] === 'photo').map((e) => [e['state'], e['output']])).toEqual(
    expect.arrayContaining([['written', 'mugs/MUG-RED_01.png'], ['failed', null]])
  )

  const shop = join(dir, 'shop')
  expect(readdirSync(shop, { recursive: true }).map(String).sort()).toEqual(['.proofsheet-export.jsonl', 'manifest.csv', 'manifest.json', 'mugs', 'mugs/MUG-RED_01.png', 'mugs/MUG-RED_01.png.xmp', 'shopify-products.csv'])
  const exif = await exifr.parse(join(shop, 'mugs/MUG-RED_01.png'), { tiff: true, exif: true, gps: true, icc: true })
  expect(exif).toMatchObject({ Make: 'Canon', Copyright: 'Ana Lima 2026', ProfileDescription: 'sRGB' })
  expect(exif.latitude).toBeUndefined()
  expect(await sidecar(join(shop, 'mugs/MUG-RED_01.png.xmp'))).toMatchObject({ xmp: { Rating: 4, Label: 'Yellow' }, proofsheet: { Flag: 'pick' } })
  expect(readFileSync(join(shop, 'shopify-products.csv'), 'utf8')).toBe('Handle,Image Src,Image Position,Image Alt Text\r\nmug-red,mugs/MUG-RED_01.png,1,red mug\r\n')

  // Again, as a shop's script would: nothing left to write, and a human summary this time.
  const again = await runExport(args.filter((a) => a !== '--json'), { PROOFSHEET_USER_DATA: join(dir, 'user-data') }, dir)
  expect(again.stdout).toContain('Exported: 0 written, 1 unchanged, 1 failed of 2 photos in shop')
  expect(again.stdout).toContain("1 of 1 photos fail Amazon's image rules")
  expect(again.stdout).toContain('mugs/MUG-RED_01.png fails Amazon: the image is 200 × 100 px; Amazon needs at least 1,000 px on the longest side')
})

test('--catalog and --all-done: every photo with a result but the rejects; exit 0 when all are exported', { timeout: 60_000 }, async () => {
  const { catalog, dir, file } = await catalogOf()
  const run = await runExport(['--catalog', file, '--all-done', '--out', join(dir, 'all'), '--no-xmp', '--no-manifest', '--resize', '100x100', '--fit', 'pad'], {}, dir)
  expect(run.code, run.stderr).toBe(0)
  // The blue mug is marked as a reject.
  expect(readdirSync(join(dir, 'all')).sort()).toEqual(['.proofsheet-export.jsonl', 'red mug.jpg'])
  expect(catalog.countPhotos()).toBe(3)
})

test('usage errors name the option', () => {
  const parse = (...args: string[]): unknown => parseExportCli(['--catalog', 'c.sqlite', ...args], '/work', {})
  expect(() => parseExportCli([], '/work', {})).toThrow('--out is required')
  expect(() => parse('--out', 'x', '--format', 'tiff')).toThrow('--format must be one of jpeg, png, webp, avif, not "tiff"')
  expect(() => parse('--out', 'x', '--resize', 'big')).toThrow('--resize needs WIDTHxHEIGHT in pixels, like 2000x2000, not "big"')
  expect(() => parse('--out', 'x', '--fit', 'pad')).toThrow('--fit goes with --resize WIDTHxHEIGHT')
  expect(() => parse('--out', 'x', '--photo', '1,abc')).toThrow('--photo needs a whole number above 0, not "abc"')
  expect(() => parse('--out', 'x', '--photo', '1', '--all-done')).toThrow('--all-done and --photo choose differently')
  expect(() => parse('--out', 'x', '--sku-csv', 'a.csv', '--sku-pattern', 'x')).toThrow('choose one')
  expect(() => parse('--out', 'x', '--frobnicate')).toThrow("Unknown option '--frobnicate'")
  expect(parse('--out', 'x', '--photo', '3,1', '--photo', '2', '--format', 'jpg', '--resize', '2000x2000', '--fit', 'pad', '--shopify-base-url', 'https://cdn.example.com')).toEqual({
    catalog: '/work/c.sqlite',
    json: false,
    help: false,
    options: {
      outDir: '/work/x', selection: { kind: 'photos', photoIds: [3, 1, 2] }, mirrorFolders: false, exif: true, gps: false, xmpSidecars: true, manifest: true,
      format: 'jpeg', resize: { width: 2000, height: 2000, fit: 'pad' }, shopify: { baseUrl: 'https://cdn.example.com' }, intoOriginalsFolder: false
    }
  })
})

test('bad usage exits 2 with a plain message, writing nothing', { timeout: 90_000 }, async () => {
  const { dir, file } = await catalogOf()
  const cases: [string[], string][] = [
    [['--catalog', file, '--out', 'x', '--format', 'tiff'], '--format must be one of jpeg, png, webp, avif, not "tiff"'],
    [['--catalog', file, '--out', 'x', '--template', '{nom}'], 'template: unknown token {nom}'],
    [['--catalog', join(dir, 'nope.sqlite'), '--out', 'x'], `no catalog at ${join(dir, 'nope.sqlite')}`]
  ]
  const runs = await Promise.all(cases.map(([args]) => runExport(args, {}, dir)))
  runs.forEach((run, i) => {
    expect(run.code, cases[i]![0].join(' ')).toBe(2)
    expect(run.stderr).toContain(cases[i]![1])
  })
  expect(existsSync(join(dir, 'x'))).toBe(false)
  expect(existsSync(join(dir, 'nope.sqlite'))).toBe(false)
})

test('Ctrl-C stops the export with exit 130, leaving whole files only and no manifest', { timeout: 90_000 }, async () => {
  const many = Array.from({ length: 40 }, (_, i): FixturePhoto => ({ folder: '', name: `p${String(i).padStart(2, '0')}.jpg`, results: [{ outputs: [{ colour: '#4080c0', width: 1600, height: 1200 }] }], review: { flag: 'pick' } }))
  const made = await makeCatalog(many)
  open.push(made.catalog)
  const out = join(made.dir, 'out')
  const child = spawn(process.execPath, [EXPORT_CLI, '--catalog', made.file, '--out', out, '--concurrency', '1', '--format', 'png', '--json'], {
    cwd: made.dir,
    env: { PATH: process.env['PATH'] ?? '', HOME: made.dir, INIT_CWD: made.dir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  // Once: a second Ctrl-C ends the process at once, as in the batch CLI.
  let interrupted = false
  child.stdout.on('data', (chunk: Buffer) => {
    if (interrupted || !chunk.toString().includes('"event":"photo"')) return
    interrupted = true
    child.kill('SIGINT')
  })
  const run = await collect(child)
  expect(run.code, run.stderr).toBe(130)
  expect(run.stderr).toContain('Stopping: photos already exported are kept')
  expect(run.events.at(-1)).toMatchObject({ event: 'summary', cancelled: true, manifests: [] })
  const files = readdirSync(out)
  const images = files.filter((f) => f.endsWith('.png'))
  expect(images.length).toBeGreaterThan(0)
  expect(images.length).toBeLessThan(40)
  // The record of what was written is kept on Ctrl-C too, so a later export knows these files are its own.
  expect(files.sort()).toEqual(['.proofsheet-export.jsonl', ...images.flatMap((f) => [f, `${f}.xmp`])].sort())
  for (const image of images) expect((await sharp(join(out, image)).metadata()).width).toBe(1600)
})

test('runs through `npm run --silent export` and prints help', { timeout: 60_000 }, async () => {
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'export', '--', '--help'], { cwd: ROOT })
  expect(stdout).toContain('Usage: npm run --silent export -- --out <folder> [options]')
  expect(stdout).toContain('{name} {folder} {n} {date} {provider} {operation} {preset} {variant} {sku}')
})

test("the catalog's default place follows the platform; PROOFSHEET_USER_DATA wins", () => {
  const home = tempDir()
  expect(userDataDir({}, 'linux', home)).toBe(join(home, '.config', 'proofsheet'))
  expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', home)).toBe('/x/proofsheet')
  expect(userDataDir({}, 'darwin', home)).toBe(join(home, 'Library', 'Application Support', 'proofsheet'))
  expect(userDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', home)).toBe(join('C:\\Users\\a\\AppData\\Roaming', 'proofsheet'))
  expect(userDataDir({ PROOFSHEET_USER_DATA: '/data', XDG_CONFIG_HOME: '/x' }, 'linux', home)).toBe('/data')
})

async function catalogOf(): Promise<Awaited<ReturnType<typeof makeCatalog>>> {
  const made = await makeCatalog(photos)
  open.push(made.catalog)
  return made
}
