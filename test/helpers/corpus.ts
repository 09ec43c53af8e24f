import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { tiffWithPreview } from './exif-preview'
import { heicHeader, productPhoto } from './images'
import { cr2Like, subIfdLike } from './tiff-raw'

/**
 * Every kind of file a photographer's folder holds that is not a plain small sRGB JPEG, made the same
 * way on every run: oversize, lying headers, CMYK, 16-bit, animations, camera RAW. Each maker returns
 * the bytes; `writeCorpus` lays them all out in one folder.
 */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A valid-looking PNG whose header declares `width` × `height` with almost no pixel data behind it. */
export function declaredPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.writeUInt8(8, 8) // 8 bits per sample
  header.writeUInt8(2, 9) // RGB
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(1))), chunk('IEND', Buffer.alloc(0))])
}

/** A 45-60 MP camera frame's size class: a product shot over 6000 px on its long side. */
export function oversizeJpeg(width = 7000, height = 4667): Promise<Buffer> {
  return productPhoto({ width, height })
}

/** Noise compresses badly: a PNG over 25 MB at only 3000 × 3000, for byte limits. Seeded, so always the same. */
export function heavyPng(side = 3000): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3)
  let seed = 12345
  for (let i = 0; i < pixels.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    pixels[i] = seed >>> 24
  }
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer()
}

export async function cmykJpeg(): Promise<Buffer> {
  return sharp(await productPhoto()).toColourspace('cmyk').jpeg().toBuffer()
}

export async function sixteenBitPng(): Promise<Buffer> {
  return sharp(await productPhoto({ format: 'png' })).toColourspace('rgb16').png().toBuffer()
}

/** Three frames of different subject colours: the first one is red. */
export async function animated(format: 'gif' | 'webp'): Promise<Buffer> {
  const frames = await Promise.all(['#c03020', '#20c030', '#3020c0'].map((subject) => productPhoto({ format: 'png', subject })))
  return sharp(frames, { join: { animated: true } }).toFormat(format, { loop: 0, delay: [200, 200, 200] }).toBuffer()
}

/** A TIFF-based RAW (DNG, CR2, NEF are all TIFF inside) holding only an embedded JPEG preview of this size. */
export async function rawWithPreview(width: number, height: number): Promise<Buffer> {
  return tiffWithPreview(await productPhoto({ width, height, subject: '#20a040' }))
}

/** A CR3-like file (ISO media, like HEIC) with nothing Proofsheet can read inside. */
export function unreadableRaw(): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypcrx '), Buffer.alloc(256)])
}

/** A real HEIC, made once with an HEVC encoder (see test/fixtures/heic/make-fixtures.mjs). */
export function heicFixture(name: 'quadrants' | 'p3-red' | 'cut-out' | 'small'): Buffer {
  return readFileSync(new URL(`../fixtures/heic/${name}.heic`, import.meta.url))
}

/** A product shot on a transparent ground: a cut-out from an earlier edit. */
export function cutOutPng(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: { create: { width: 150, height: 150, channels: 4, background: { r: 40, g: 80, b: 200, alpha: 1 } } }, gravity: 'center' }])
    .png()
    .toBuffer()
}

/** A JPEG cut short, as an interrupted copy or download leaves it. */
export async function cutShortJpeg(): Promise<Buffer> {
  const whole = await productPhoto({ subject: '#c0a020' })
  return whole.subarray(0, Math.floor(whole.length / 2))
}

/** The files of one corpus folder, by class. */
export const CORPUS = {
  oversize: 'oversize.jpg',
  pixelBomb: 'pixel-bomb.png',
  gigaBomb: 'giga-bomb.png',
  lyingPng: 'lying.png',
  cmyk: 'cmyk.jpg',
  sixteenBit: 'sixteen-bit.png',
  animatedGif: 'animated.gif',
  animatedWebp: 'animated.webp',
  plain: 'plain.jpg',
  cutOut: 'cut-out.png',
  cutShort: 'cut-short.jpg',
  heic: 'iphone.heic',
  /** No encoder here writes HEVC: a HEIC header over nothing, which libheif must refuse. */
  brokenHeic: 'phone.heic',
  rawPair: 'IMG_0001.CR2',
  rawPairJpeg: 'IMG_0001.JPG',
  rawBigPreview: 'big-preview.NEF',
  rawSmallPreview: 'small-preview.DNG',
  /** Where real cameras keep the full-size preview: IFD0's strip (CR2), a sub-IFD (NEF, DNG). */
  rawStripPreview: 'strip-preview.CR2',
  rawSubIfdPreview: 'sub-ifd-preview.NEF',
  rawNoPreview: 'no-preview.CR3'
} as const

/** What a batch says of a file: its final state, and why or what was done on the way. */
export interface Outcome {
  state: string
  reason?: string
  notes?: string[]
}

export function outcomeOf(job: { state: string; reason?: string; notes?: string[] }): Outcome {
  return { state: job.state, ...(job.reason ? { reason: job.reason } : {}), ...(job.notes ? { notes: job.notes } : {}) }
}

/** Each corpus file's outcome through Photoroom edit (remove-background differs only for HEIC: see below). */
export const CORPUS_OUTCOMES: Record<string, Outcome> = {
  [CORPUS.oversize]: { state: 'done', notes: ['sent at 6000 × 4000, from 7000 × 4667'] },
  [CORPUS.pixelBomb]: { state: 'skipped', reason: 'the image declares 16000 × 16000 pixels (256 MP); Proofsheet does not open images over 200 MP' },
  [CORPUS.gigaBomb]: { state: 'skipped', reason: 'the image declares 50000 × 50000 pixels (2,500 MP); Proofsheet does not open images over 200 MP' },
  [CORPUS.lyingPng]: { state: 'skipped', reason: 'the image declares 5000 × 5000 pixels, impossible in a file of 66 bytes' },
  [CORPUS.cmyk]: { state: 'done', notes: ['converted from CMYK to sRGB, the only colour space the provider takes'] },
  [CORPUS.sixteenBit]: { state: 'done', notes: ['converted from 16 bits to 8 bits per channel, as the provider takes'] },
  [CORPUS.animatedGif]: { state: 'done', notes: ['an animation of 3 frames: only the first frame was sent', 'sent as PNG, converted from GIF'] },
  [CORPUS.animatedWebp]: { state: 'done', notes: ['an animation of 3 frames: only the first frame was sent'] },
  [CORPUS.plain]: { state: 'done' },
  [CORPUS.cutOut]: { state: 'done' },
  [CORPUS.cutShort]: { state: 'skipped', reason: 'the image is cut short (incomplete copy or download)' },
  [CORPUS.heic]: { state: 'done', notes: ['sent as JPEG, converted from HEIC'] },
  [CORPUS.brokenHeic]: { state: 'skipped', reason: 'the HEIC image is damaged or uses a variant Proofsheet cannot decode' },
  [CORPUS.rawPair]: { state: 'skipped', reason: 'a RAW file whose IMG_0001.JPG is in this batch too and is sent instead (no provider takes RAW)' },
  [CORPUS.rawPairJpeg]: { state: 'done' },
  [CORPUS.rawBigPreview]: { state: 'done', notes: ['sent the 3000 × 2000 JPEG preview embedded in this RAW file (no provider takes RAW)'] },
  [CORPUS.rawSmallPreview]: {
    state: 'skipped',
    reason: 'a RAW file, which no provider takes: there is no JPEG or HEIC with the same name, and its embedded preview is only 160 × 120 (at least 2000 px on the long side is needed)'
  },
  [CORPUS.rawStripPreview]: { state: 'done', notes: ['sent the 3000 × 2000 JPEG preview embedded in this RAW file (no provider takes RAW)'] },
  [CORPUS.rawSubIfdPreview]: { state: 'done', notes: ['sent the 2400 × 1600 JPEG preview embedded in this RAW file (no provider takes RAW)'] },
  [CORPUS.rawNoPreview]: {
    state: 'skipped',
    reason: 'a RAW file, which no provider takes: there is no JPEG or HEIC with the same name, and it has no embedded preview Proofsheet can read (at least 2000 px on the long side is needed)'
  }
}

/** Photoroom background removal takes HEIC: the phone's photo goes as it is. */
export const REMOVE_BACKGROUND_OUTCOMES: Record<string, Outcome> = { ...CORPUS_OUTCOMES, [CORPUS.heic]: { state: 'done' } }

/** The photos of the corpus that get a result (each is one request). */
export const CORPUS_DONE = Object.values(CORPUS_OUTCOMES).filter((o) => o.state === 'done').length

/** Writes one photo of every class into `dir`, plus a link to `/` the scan must not walk. */
export async function writeCorpus(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true })
  const files: Record<string, Buffer> = {
    [CORPUS.oversize]: await oversizeJpeg(),
    [CORPUS.pixelBomb]: declaredPng(16000, 16000),
    [CORPUS.gigaBomb]: declaredPng(50000, 50000),
    [CORPUS.lyingPng]: declaredPng(5000, 5000),
    [CORPUS.cmyk]: await cmykJpeg(),
    [CORPUS.sixteenBit]: await sixteenBitPng(),
    [CORPUS.animatedGif]: await animated('gif'),
    [CORPUS.animatedWebp]: await animated('webp'),
    [CORPUS.plain]: await productPhoto(),
    [CORPUS.cutOut]: await cutOutPng(),
    [CORPUS.cutShort]: await cutShortJpeg(),
    [CORPUS.heic]: heicFixture('quadrants'),
    [CORPUS.brokenHeic]: heicHeader(),
    [CORPUS.rawPair]: await rawWithPreview(160, 120),
    [CORPUS.rawPairJpeg]: await productPhoto({ subject: '#a040c0' }),
    [CORPUS.rawBigPreview]: await rawWithPreview(3000, 2000),
    [CORPUS.rawSmallPreview]: await rawWithPreview(160, 120),
    [CORPUS.rawStripPreview]: cr2Like(await productPhoto({ width: 3000, height: 2000, subject: '#c06020' }), await productPhoto({ width: 160, height: 120 })),
    [CORPUS.rawSubIfdPreview]: subIfdLike(await productPhoto({ width: 2400, height: 1600, subject: '#2080c0' }), await productPhoto({ width: 160, height: 120 })),
    [CORPUS.rawNoPreview]: unreadableRaw()
  }
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes)
  symlinkSync('/', join(dir, 'whole-disk'))
}

/** A file no one but its owner (root) can open: tests read it as an unprivileged user. */
export function unreadable(path: string, bytes: Buffer): void {
  writeFileSync(path, bytes)
  chmodSync(path, 0o000)
}
