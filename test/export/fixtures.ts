import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import sharp from 'sharp'
import { Catalog } from '../../src/main/catalog/catalog'
import type { ReviewPatch } from '../../src/main/catalog/review'
import { tempDir } from '../helpers/photos'

/** The camera's EXIF every original carries, GPS included, so a test can see what is and is not copied. */
export const CAMERA = {
  IFD0: { Make: 'Canon', Model: 'EOS R5', Artist: 'Ana Lima', Copyright: 'Ana Lima 2026' },
  IFD2: { DateTimeOriginal: '2026:05:01 10:20:30', ExposureTime: '1/125', FNumber: '8', ISOSpeedRatings: '200', LensModel: 'RF 24-105mm' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 30/1' }
}

/** An original as a camera writes it: EXIF with GPS, a Display P3 profile, a subject on grey. */
export async function writeOriginal(path: string, subject = '#c03020'): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true })
  await sharp({ create: { width: 240, height: 160, channels: 3, background: '#d0d0d0' } })
    .composite([{ input: { create: { width: 120, height: 80, channels: 3, background: subject } }, gravity: 'center' }])
    .withIccProfile('p3')
    .withExif(CAMERA)
    .jpeg()
    .toFile(path)
}

export interface ResultLook {
  colour: string
  /** A cut-out on transparency (PNG) rather than an opaque JPEG. */
  transparent?: boolean
  /** The provider's file says to turn it: its pixels are stored sideways. */
  orientation?: number
  width?: number
  height?: number
  /** The product's share of each side. */
  fill?: number
  /** Pixels converted to Display P3 and tagged with it, as some providers return them. */
  p3?: boolean
}

/** A provider's output file: a product square on transparency or on white. */
export async function writeResult(path: string, look: ResultLook): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true })
  const { width = 200, height = 100, fill = 0.6 } = look
  let image = sharp({ create: { width, height, channels: 4, background: look.transparent ? { r: 0, g: 0, b: 0, alpha: 0 } : '#ffffff' } }).composite([
    { input: { create: { width: Math.round(width * fill), height: Math.round(height * fill), channels: 3, background: look.colour } }, gravity: 'center' }
  ])
  if (look.orientation) image = image.withMetadata({ orientation: look.orientation })
  if (look.p3) image = image.withIccProfile('p3')
  await (look.transparent ? image.png() : image.flatten({ background: '#ffffff' }).jpeg({ quality: 95 })).toFile(path)
}

export interface FixturePhoto {
  folder: string
  name: string
  /** Each an earlier-to-later run of the photo, with its outputs. */
  /** `kept`: the app's own copy of each output is kept apart (under state/variants), as runs since copies were kept. */
  results: { provider?: string; operation?: string; params?: Record<string, unknown>; outputs: ResultLook[]; kept?: boolean }[]
  review?: ReviewPatch
  /** Index of the result (in `results`) and output the user chose. */
  chosen?: [number, number]
}

/** A real catalog on disk with real originals and results, as the app leaves it after a batch and a review. */
export async function makeCatalog(photos: FixturePhoto[]): Promise<{ catalog: Catalog; dir: string; file: string; ids: number[]; resultIds: number[][] }> {
  const dir = tempDir('proofsheet-export-')
  const root = join(dir, 'shoot')
  const file = join(dir, 'user-data', 'catalog.sqlite')
  mkdirSync(join(dir, 'user-data'), { recursive: true })
  const catalog = Catalog.open(file)
  const ids: number[] = []
  const resultIds: number[][] = []
  for (const [i, p] of photos.entries()) {
    const path = join(root, p.folder, p.name)
    await writeOriginal(path)
    const [row] = catalog.addPhotos([{ path, root, folder: p.folder, name: p.name, size: 1, mtimeMs: Date.UTC(2026, 4, 2) }])
    catalog.setPhotoFacts(row!.id, { format: 'jpeg', width: 240, height: 160, orientation: 1, size: 1, mtimeMs: Date.UTC(2026, 4, 2) })
    const ofPhoto: number[] = []
    for (const [r, run] of p.results.entries()) {
      const outputs = []
      for (const [k, look] of run.outputs.entries()) {
        const out = join(dir, 'results', `${i}-${r}-${k}-${basename(p.name, '.jpg')}.${look.transparent ? 'png' : 'jpg'}`)
        await writeResult(out, look)
        const kept = run.kept ? join(dir, 'state', 'variants', basename(out)) : undefined
        if (kept) {
          mkdirSync(join(dir, 'state', 'variants'), { recursive: true })
          copyFileSync(out, kept)
        }
        outputs.push({ path: out, ...(kept ? { kept } : {}), format: look.transparent ? 'png' : 'jpeg' })
      }
      const result = catalog.addResult({
        photoId: row!.id,
        jobKey: `k-${i}-${r}`,
        provider: run.provider ?? 'photoroom',
        operation: run.operation ?? 'remove-background',
        params: run.params ?? {},
        cost: { amount: 1, unit: 'images' },
        sandbox: false,
        facts: {},
        outputs
      })
      ofPhoto.push(result.id)
    }
    if (p.review || p.chosen) {
      const chosen = p.chosen ? { chosenResultId: ofPhoto[p.chosen[0]]!, chosenOutput: p.chosen[1] } : {}
      catalog.setReview(row!.id, { ...p.review, ...chosen })
    }
    ids.push(row!.id)
    resultIds.push(ofPhoto)
  }
  return { catalog, dir, file, ids, resultIds }
}

export function writeText(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
  return path
}

/** The colour at the centre of an image, as stored (`asStored`) or converted to sRGB from its profile. */
export async function centreColour(path: string, asStored = false): Promise<[number, number, number]> {
  const { data, info } = await sharp(path, { ignoreIcc: asStored }).raw().toBuffer({ resolveWithObject: true })
  const i = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels
  return [data[i]!, data[i + 1]!, data[i + 2]!]
}
