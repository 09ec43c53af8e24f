import { open, readFile, stat } from 'node:fs/promises'
import { sniffImageFormat } from '../../shared/images/sniff-format'
import { PHOTO_NAME, RAW_NAME, type ImageFormat } from '../../shared/images/formats'
import type { PhotoFacts } from '../batch/input'
import { heicSize } from '../images/heic'
import { headerOf } from '../images/header'
import { loadSharp } from '../images/libraries'
import { pixelBombReason } from '../images/pixel-bomb'
import { rawSource } from '../images/raw'

export type Inspection = ({ ok: true } & PhotoFacts) | { ok: false; reason: string }

async function readEnds(path: string, size: number): Promise<{ head: Buffer; tail: Buffer }> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(Math.min(size, 64))
    await handle.read(head, 0, head.length, 0)
    const tail = Buffer.alloc(Math.min(size, 1024))
    await handle.read(tail, 0, tail.length, size - tail.length)
    return { head, tail }
  } finally {
    await handle.close()
  }
}

/** A cheap end-of-file check: the marker each format ends with, so a half-copied file is caught before upload. */
function looksTruncated(format: ImageFormat, head: Buffer, tail: Buffer, size: number): boolean {
  if (format === 'jpeg') {
    // Zeros after the end marker are padding some cameras add.
    let end = tail.length
    while (end > 0 && tail[end - 1] === 0) end--
    return tail.subarray(0, end).lastIndexOf(Buffer.from([0xff, 0xd9])) < 0
  }
  if (format === 'png') return tail.lastIndexOf(Buffer.from('IEND')) < 0
  if (format === 'webp') return head.readUInt32LE(4) + 8 > size
  return false
}

/**
 * What a file really is, judged by its bytes: format, size, upright dimensions and EXIF orientation,
 * or a reason a photographer can act on. Reads only the header and the last kilobyte.
 */
export async function inspectFile(path: string): Promise<Inspection> {
  let info
  try {
    info = await stat(path)
  } catch {
    return { ok: false, reason: 'the file could not be read' }
  }
  const { size, mtimeMs } = info
  if (size === 0) return { ok: false, reason: EMPTY }
  if (RAW_NAME.test(path)) return inspectRaw(path, mtimeMs)
  let ends
  try {
    ends = await readEnds(path, size)
  } catch (error) {
    const denied = (error as { code?: string }).code === 'EACCES'
    return { ok: false, reason: denied ? 'the file could not be read: permission denied' : 'the file could not be read (permission denied or unreadable)' }
  }
  return judge(path, { ...ends, size, mtimeMs, header: path })
}

/** The same judgement from a (non-RAW) photo's bytes, read whole already: no need to read the file again. */
export function inspectBytes(path: string, bytes: Buffer, mtimeMs: number): Promise<Inspection> {
  if (!bytes.length) return Promise.resolve({ ok: false, reason: EMPTY })
  return judge(path, { head: bytes.subarray(0, 64), tail: bytes.subarray(-1024), size: bytes.length, mtimeMs, header: bytes })
}

const EMPTY = 'the file is empty (0 bytes)'

/** What the first bytes, the last kilobyte and the header (read from the file or its bytes) say of a photo. */
async function judge(path: string, o: { head: Buffer; tail: Buffer; size: number; mtimeMs: number; header: string | Buffer }): Promise<Inspection> {
  const format = sniffImageFormat(o.head)
  if (!format) {
    return { ok: false, reason: PHOTO_NAME.test(path) ? 'the name says image, but the content is not a picture Proofsheet recognises' : 'not an image' }
  }
  if (looksTruncated(format, o.head, o.tail, o.size)) return { ok: false, reason: 'the image is cut short (incomplete copy or download)' }
  // A sharp that cannot load is this machine's fault, not the photo's: said as it is, not as a damaged photo.
  if (format !== 'heic') await loadSharp()
  let header
  try {
    header = await readHeader(o.header, format)
  } catch {
    return { ok: false, reason: format === 'heic' ? 'the HEIC image is damaged or uses a variant Proofsheet cannot decode' : 'the image is damaged and cannot be decoded' }
  }
  const bomb = pixelBombReason(format, header.width, header.height, o.size)
  if (bomb) return { ok: false, reason: bomb }
  return { ok: true, format, bytes: o.size, mtimeMs: o.mtimeMs, ...header }
}

/**
 * Upright size and EXIF orientation from the header (of the file, or of its bytes): a declared size is
 * judged before any pixel is decoded. HEIC is upright as libheif decodes it (the container's rotation
 * is applied), so 1.
 */
async function readHeader(input: string | Buffer, format: ImageFormat): Promise<{ width: number; height: number; orientation: number }> {
  if (format === 'heic') return { ...(await heicSize(typeof input === 'string' ? await readFile(input) : input)), orientation: 1 }
  const meta = typeof input === 'string' ? await (await loadSharp())(input, { limitInputPixels: false }).metadata() : await headerOf(input)
  return { width: meta.autoOrient.width, height: meta.autoOrient.height, orientation: meta.orientation ?? 1 }
}

/** A RAW file is judged by what goes in its place: its JPEG or HEIC sibling, or its embedded preview. */
async function inspectRaw(path: string, mtimeMs: number): Promise<Inspection> {
  const source = await rawSource(path)
  if ('skip' in source) return { ok: false, reason: source.skip }
  if ('sibling' in source) return inspectFile(source.sibling)
  const { bytes, width, height } = source.preview
  return { ok: true, format: 'jpeg', bytes: bytes.length, mtimeMs, width, height, orientation: 1 }
}
