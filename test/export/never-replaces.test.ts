import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { afterEach, expect, test } from 'vitest'
import type { Catalog } from '../../src/main/catalog/catalog'
import { exportPhotos } from '../../src/main/export'
import { collect, TSX } from '../helpers/cli'
import { makeCatalog, writeText, type FixturePhoto } from './fixtures'

const ROOT = resolve(__dirname, '../..')
const open: Catalog[] = []
afterEach(() => open.splice(0).forEach((c) => c.close()))

const picked = (folder: string, name: string, colour = '#3060c0'): FixturePhoto => ({ folder, name, results: [{ outputs: [{ colour }] }], review: { flag: 'pick' } })

async function catalogOf(photos: FixturePhoto[]): Promise<Awaited<ReturnType<typeof makeCatalog>>> {
  const made = await makeCatalog(photos)
  open.push(made.catalog)
  return made
}

const bytesOf = (path: string): Buffer => readFileSync(path)

test('an export never replaces a file it did not write: an original of the catalog (selected or not), an unrelated photo and a manifest keep their bytes; ours get " (2)", and the summary says so', async () => {
  // As the audit did it: IMG_1.png picked, exported to its own folder as JPEG with {name}, beside the camera's IMG_1.jpg.
  const { catalog, dir } = await catalogOf([picked('', 'IMG_1.png'), { folder: '', name: 'IMG_1.jpg', results: [] }, picked('day', 'photo-01.jpg')])
  const shoot = join(dir, 'shoot')
  writeText(join(shoot, 'photo-01.jpg'), 'an unrelated photo')
  writeText(join(shoot, 'manifest.json'), '{"mine": true}')
  const before = new Map(['IMG_1.jpg', 'photo-01.jpg', 'manifest.json'].map((f) => [f, bytesOf(join(shoot, f))]))

  const summary = await exportPhotos(catalog, { outDir: shoot, intoOriginalsFolder: true })
  for (const [file, bytes] of before) expect(bytesOf(join(shoot, file)).equals(bytes), file).toBe(true)
  expect(summary.records.map((r) => r.output)).toEqual(['IMG_1 (2).jpg', 'photo-01 (2).jpg'])
  expect(summary.displaced).toEqual([
    { name: 'IMG_1.jpg', exportedAs: 'IMG_1 (2).jpg' },
    { name: 'photo-01.jpg', exportedAs: 'photo-01 (2).jpg' },
    { name: 'manifest.json', exportedAs: 'manifest (2).json' }
  ])
  expect(existsSync(join(shoot, 'manifest (2).csv'))).toBe(true)
})

test('a re-export replaces only its own files, and only while they hold what it wrote: a file edited since is kept and the photo moves to " (2)"', async () => {
  const { catalog, dir, ids } = await catalogOf([picked('', 'a.jpg'), picked('', 'b.jpg')])
  const out = join(dir, 'export')
  expect(await exportPhotos(catalog, { outDir: out })).toMatchObject({ written: 2 })

  // Retouched by hand after the export: Proofsheet did not write these bytes.
  await sharp({ create: { width: 10, height: 10, channels: 3, background: '#00ff00' } }).jpeg().toFile(join(out, 'a.jpg'))
  const retouched = bytesOf(join(out, 'a.jpg'))
  catalog.setReview(ids[1]!, { rating: 5 })
  const again = await exportPhotos(catalog, { outDir: out })
  expect(bytesOf(join(out, 'a.jpg')).equals(retouched)).toBe(true)
  expect(again.records.map((r) => r.output)).toEqual(['a (2).jpg', 'b.jpg'])
  expect(again).toMatchObject({ written: 1, unchanged: 1 })
  expect(again.displaced).toEqual([{ name: 'a.jpg', exportedAs: 'a (2).jpg' }])
  expect(readFileSync(join(out, 'b.jpg.xmp'), 'utf8')).toContain('xmp:Rating="5"')
  // Its own files are known again the time after: " (2)" is kept, nothing moves further.
  expect(await exportPhotos(catalog, { outDir: out })).toMatchObject({ written: 0, unchanged: 2, displaced: [{ name: 'a.jpg', exportedAs: 'a (2).jpg' }] })
})

test('an export into a folder that holds originals of the catalog asks first, and writes nothing until agreed', async () => {
  const { catalog, dir } = await catalogOf([picked('', 'a.jpg'), picked('day-2', 'b.jpg')])
  const shoot = join(dir, 'shoot')
  const files = readdirSync(shoot, { recursive: true }).map(String).sort()
  await expect(exportPhotos(catalog, { outDir: shoot })).rejects.toThrow(`${shoot} holds 2 of your original photos. Export there anyway?`)
  await expect(exportPhotos(catalog, { outDir: join(shoot, 'day-2') })).rejects.toThrow('holds one of your original photos')
  expect(readdirSync(shoot, { recursive: true }).map(String).sort()).toEqual(files)
  expect((await exportPhotos(catalog, { outDir: join(dir, 'elsewhere') })).written).toBe(2)
})

/** A process id that is surely not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!
}

test('temporary files a killed export left (of our own naming) are cleared by the next complete export; look-alikes of the user stay', async () => {
  const { catalog, dir } = await catalogOf(Array.from({ length: 3 }, (_, i) => picked('', `p${i}.jpg`)))
  const out = join(dir, 'export')
  mkdirSync(join(out, '.proofsheet-export-partial'), { recursive: true })
  writeText(join(out, '.p0.jpg.0123456789ab.partial'), 'half a photo, as an export killed before this version left it')
  writeText(join(out, '.proofsheet-export-partial', '5a5a5a5a5a5a.jpg'), 'half a photo')
  // The lock of the killed export: its process is gone.
  mkdirSync(join(out, '.proofsheet-export.lock'))
  writeFileSync(join(out, '.proofsheet-export.lock', 'owner.json'), JSON.stringify({ host: hostname().replace(/[^\w-]/g, '_'), pid: deadPid() }))
  writeText(join(out, 'notes.partial'), 'the user’s')
  writeText(join(out, '.p1.jpg.partial'), 'the user’s too: not our naming')

  expect(await exportPhotos(catalog, { outDir: out })).toMatchObject({ written: 3, failed: 0 })
  expect(readdirSync(out).sort()).toEqual(['.p1.jpg.partial', '.proofsheet-export.jsonl', 'manifest.csv', 'manifest.json', 'notes.partial', 'p0.jpg', 'p0.jpg.xmp', 'p1.jpg', 'p1.jpg.xmp', 'p2.jpg', 'p2.jpg.xmp'])
})

test('an export killed mid-way (kill -9) leaves nothing of its own once the next one completes, which finds the files it wrote its own', { timeout: 90_000 }, async () => {
  const { catalog, dir, file } = await catalogOf(Array.from({ length: 30 }, (_, i) => ({ ...picked('', `p${String(i).padStart(2, '0')}.jpg`), results: [{ outputs: [{ colour: '#4080c0', width: 1600, height: 1200 }] }] })))
  const out = join(dir, 'out')
  const child = spawn(process.execPath, ['--import', TSX, resolve(ROOT, 'src/cli/export.ts'), '--catalog', file, '--out', out, '--concurrency', '1', '--format', 'png', '--json'], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', HOME: dir, INIT_CWD: dir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('"event":"photo"')) child.kill('SIGKILL')
  })
  expect((await collect(child)).code).toBe(null)
  const summary = await exportPhotos(catalog, { outDir: out, format: 'png' })
  expect(readdirSync(out).filter((f) => f.startsWith('.')).sort()).toEqual(['.proofsheet-export.jsonl'])
  expect(summary).toMatchObject({ failed: 0, displaced: [] })
  expect(summary.written + summary.unchanged).toBe(30)
  expect(summary.unchanged).toBeGreaterThan(0)
})
