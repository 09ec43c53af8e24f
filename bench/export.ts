import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import PQueue from 'p-queue'
import sharp from 'sharp'
import { Catalog } from '../src/main/catalog/catalog'
import { exportPhotos } from '../src/main/export'
import { readOriginalExif } from '../src/main/export/original-exif'

const COUNT = 1000
const CONCURRENCY = 4

/** Originals with camera EXIF, and one cut-out result each, as the app leaves them after a batch; all approved. */
async function makeApprovedCatalog(work: string): Promise<{ catalog: Catalog; results: string[] }> {
  const originals = join(work, 'originals')
  const resultsDir = join(work, 'results')
  mkdirSync(originals, { recursive: true })
  mkdirSync(resultsDir, { recursive: true })
  const catalog = Catalog.open(join(work, 'catalog.sqlite'))
  const results: string[] = []
  const queue = new PQueue({ concurrency: CONCURRENCY })
  await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      queue.add(async () => {
        const name = `item-${String(i).padStart(4, '0')}`
        const subject = { r: (i * 37) % 180, g: (i * 101) % 180, b: 20 + ((i * 7) % 160) }
        const original = join(originals, `${name}.jpg`)
        await sharp({ create: { width: 640, height: 480, channels: 3, background: '#f2f2f2' } })
          .withExif({ IFD0: { Make: 'Canon', Model: 'EOS R5', Copyright: 'Bench' }, IFD2: { DateTimeOriginal: '2026:05:01 10:00:00' } })
          .jpeg()
          .toFile(original)
        const result = join(resultsDir, `${name}.png`)
        await sharp({ create: { width: 640, height: 480, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
          .composite([{ input: { create: { width: 320, height: 240, channels: 3, background: subject } }, gravity: 'center' }])
          .png()
          .toFile(result)
        results[i] = result
      })
    )
  )
  const photos = catalog.addPhotos(results.map((_, i) => ({ path: join(originals, `item-${String(i).padStart(4, '0')}.jpg`), root: originals, folder: '', name: `item-${String(i).padStart(4, '0')}.jpg`, size: 1, mtimeMs: 0 })))
  catalog.transaction(() => {
    photos.forEach((photo, i) => {
      catalog.addResult({ photoId: photo.id, jobKey: null, provider: 'photoroom', operation: 'remove-background', params: {}, cost: { amount: 1, unit: 'images' }, sandbox: false, facts: {}, outputs: [{ path: results[i]!, format: 'png' }] })
      catalog.setReview(photo.id, { flag: 'pick' })
    })
  })
  return { catalog, results }
}

/**
 * The least any exporter must do, with the same parallelism: the same conversion (upright, flattened
 * onto white, sRGB embedded, the original's EXIF, JPEG 90) straight from a list of files.
 */
async function bareLoop(results: string[], originals: string[], out: string): Promise<number> {
  mkdirSync(out, { recursive: true })
  const queue = new PQueue({ concurrency: CONCURRENCY })
  const started = performance.now()
  await Promise.all(
    results.map((path, i) =>
      queue.add(async () => {
        const { tags } = await readOriginalExif(originals[i]!, false)
        await sharp(path).autoOrient().flatten({ background: '#ffffff' }).withIccProfile('srgb').withExif(tags).jpeg({ quality: 90 }).toFile(join(out, `${i}.jpg`))
      })
    )
  )
  return results.length / ((performance.now() - started) / 1000)
}

/** Export of 1,000 approved photos (files, XMP sidecars, manifests) against the bare loop: photos per second and their ratio (target ≥ 0.8). */
export async function exportThroughput(work: string): Promise<{ exporter: number; bare: number; ratio: number }> {
  const dir = join(work, 'export-bench')
  const { catalog, results } = await makeApprovedCatalog(dir)
  try {
    const originals = catalog.photoIds().map((id) => catalog.photo(id)!.path)
    // Warm the disk cache and sharp's start-up so neither side pays for them.
    await bareLoop(results.slice(0, 50), originals, join(dir, 'warm'))
    const bare = await bareLoop(results, originals, join(dir, 'bare'))
    const started = performance.now()
    const summary = await exportPhotos(catalog, { outDir: join(dir, 'exported'), format: 'jpeg', quality: 90, concurrency: CONCURRENCY })
    const exporter = summary.written / ((performance.now() - started) / 1000)
    if (summary.written !== COUNT) throw new Error(`the export wrote ${summary.written} of ${COUNT} photos`)
    return { exporter, bare, ratio: exporter / bare }
  } finally {
    catalog.close()
  }
}
