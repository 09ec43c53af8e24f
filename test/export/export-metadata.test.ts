import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import exifr, { sidecar } from 'exifr'
import sharp from 'sharp'
import { afterEach, expect, test } from 'vitest'
import type { Catalog } from '../../src/main/catalog/catalog'
import { exportPhotos } from '../../src/main/export'
import { centreColour, makeCatalog } from './fixtures'

const open: Catalog[] = []
afterEach(() => open.splice(0).forEach((c) => c.close()))

async function shoot(): Promise<Awaited<ReturnType<typeof makeCatalog>>> {
  const made = await makeCatalog([
    { folder: '', name: 'mug.jpg', results: [{ outputs: [{ colour: '#2050c0', transparent: true }] }], review: { flag: 'pick', rating: 4, label: 'green' } },
    { folder: '', name: 'lamp.jpg', results: [{ outputs: [{ colour: '#20a040', orientation: 6 }] }], review: { flag: 'pick', rating: 0 } },
    { folder: '', name: 'vase.jpg', results: [{ outputs: [{ colour: '#a02080' }] }], review: { flag: 'reject', rating: 3, label: 'red' } },
    { folder: '', name: 'bowl.jpg', results: [{ outputs: [{ colour: '#a0a020' }] }] }
  ])
  open.push(made.catalog)
  return made
}

test('approved photos as JPEG: camera EXIF from the original, no GPS, sRGB embedded, upright, transparency filled white', async () => {
  const { catalog, dir } = await shoot()
  const out = join(dir, 'export')
  const summary = await exportPhotos(catalog, { outDir: out })
  expect(summary).toMatchObject({ total: 2, written: 2, failed: 0, cancelled: false })
  expect(summary.records.map((r) => r.output)).toEqual(['lamp.jpg', 'mug.jpg'])

  const mug = join(out, 'mug.jpg')
  const exif = await exifr.parse(mug, { tiff: true, exif: true, gps: true, icc: true })
  expect(exif).toMatchObject({ Make: 'Canon', Model: 'EOS R5', Artist: 'Ana Lima', Copyright: 'Ana Lima 2026', LensModel: 'RF 24-105mm', FNumber: 8, ISO: 200, ExposureTime: 0.008 })
  expect(exif.DateTimeOriginal.toISOString()).toBe('2026-05-01T10:20:30.000Z')
  expect(exif.ProfileDescription).toBe('sRGB')
  expect(exif.latitude).toBeUndefined()
  expect(exif.GPSLatitude).toBeUndefined()
  // The cut-out's transparent corner is white in a JPEG.
  const { data } = await sharp(mug).raw().toBuffer({ resolveWithObject: true })
  expect([...data.subarray(0, 3)]).toEqual([255, 255, 255])

  // The lamp's result was stored sideways with orientation 6: exported upright, 100 × 200, nothing left to turn.
  const lamp = await sharp(join(out, 'lamp.jpg')).metadata()
  expect([lamp.width, lamp.height, lamp.orientation ?? 1]).toEqual([100, 200, 1])
})

test("a result in Display P3 is converted to sRGB, not just relabelled", async () => {
  const { catalog, dir } = await makeCatalog([{ folder: '', name: 'p3.jpg', results: [{ outputs: [{ colour: '#20c040', p3: true, transparent: true }] }], review: { flag: 'pick' } }])
  open.push(catalog)
  const [result] = catalog.results(1)
  const stored = await centreColour(result!.outputs[0]!.path, true)
  expect(Math.abs(stored[0] - 0x20)).toBeGreaterThan(10)
  await exportPhotos(catalog, { outDir: join(dir, 'export'), format: 'png' })
  const file = join(dir, 'export', 'p3.png')
  expect((await exifr.parse(file, { icc: true })).ProfileDescription).toBe('sRGB')
  const [r, g, b] = await centreColour(file, true)
  expect([Math.abs(r - 0x20), Math.abs(g - 0xc0), Math.abs(b - 0x40)].every((d) => d <= 3)).toBe(true)
})

test('GPS is copied only when asked; EXIF can be left out altogether', async () => {
  const { catalog, dir } = await shoot()
  await exportPhotos(catalog, { outDir: join(dir, 'gps'), gps: true })
  const withGps = await exifr.gps(join(dir, 'gps', 'mug.jpg'))
  expect(withGps.latitude).toBeCloseTo(51.5, 5)
  expect(withGps.longitude).toBeCloseTo(-0.125, 5)

  await exportPhotos(catalog, { outDir: join(dir, 'bare'), exif: false })
  const bare = await exifr.parse(join(dir, 'bare', 'mug.jpg'), { tiff: true, exif: true, icc: true })
  expect(bare.Make).toBeUndefined()
  expect(bare.ProfileDescription).toBe('sRGB')
})

test('XMP sidecars carry stars, the colour label and the pick/reject mapping', async () => {
  const { catalog, dir, ids } = await shoot()
  const out = join(dir, 'export')
  await exportPhotos(catalog, { outDir: out, selection: { kind: 'photos', photoIds: ids } })
  type Marks = { xmp: { Rating: number; Label?: string }; proofsheet?: { Flag: string } }
  const marks = async (name: string): Promise<Marks> => (await sidecar(join(out, `${name}.xmp`))) as Marks
  expect(await marks('mug.jpg')).toMatchObject({ xmp: { Rating: 4, Label: 'Green' }, proofsheet: { Flag: 'pick' } })
  expect(await marks('vase.jpg')).toMatchObject({ xmp: { Rating: -1, Label: 'Red' }, proofsheet: { Flag: 'reject' } })
  const bowl = await marks('bowl.jpg')
  expect(bowl.xmp).toEqual({ Rating: 0 })
  expect(bowl.proofsheet).toBeUndefined()
  expect(readFileSync(join(out, 'vase.jpg.xmp'), 'utf8')).toContain('xmlns:xmp="http://ns.adobe.com/xap/1.0/"')

  await exportPhotos(catalog, { outDir: join(dir, 'plain'), xmpSidecars: false })
  await expect(sidecar(join(dir, 'plain', 'mug.jpg.xmp'))).rejects.toThrow()
})

test('PNG, WebP and AVIF; a fill colour; resize to fit, fill or pad a box; the DPI tag', async () => {
  const { catalog, dir } = await shoot()
  const cases = [
    { format: 'png', resize: { width: 100, height: 100, fit: 'fit' }, size: [100, 50], alpha: true },
    { format: 'webp', resize: { width: 100, height: 100, fit: 'fill' }, size: [100, 100], alpha: true },
    { format: 'avif', resize: { width: 120, height: 120, fit: 'pad' }, background: 'FFFFFF', size: [120, 120], alpha: false }
  ] as const
  for (const c of cases) {
    const out = join(dir, c.format)
    const { background } = c as { background?: string }
    await exportPhotos(catalog, { outDir: out, format: c.format, resize: c.resize, dpi: 300, ...(background ? { background } : {}) })
    const file = join(out, `mug.${c.format}`)
    const meta = await sharp(file).metadata()
    expect([meta.format === 'heif' ? 'avif' : meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual([c.format, ...c.size, c.alpha])
    if (c.format === 'png') expect(meta.density).toBe(300)
  }
  await exportPhotos(catalog, { outDir: join(dir, 'filled'), format: 'png', background: '#ff0000' })
  const { data, info } = await sharp(join(dir, 'filled', 'mug.png')).raw().toBuffer({ resolveWithObject: true })
  expect([info.channels, ...data.subarray(0, 3)]).toEqual([3, 255, 0, 0])
  expect(await centreColour(join(dir, 'filled', 'mug.png'))).toEqual([32, 80, 192])
})
