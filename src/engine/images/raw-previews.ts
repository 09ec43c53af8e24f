import { open } from 'node:fs/promises'

/**
 * The JPEG previews a TIFF-based RAW file (CR2, NEF, DNG, ARW, ORF, RW2) embeds. Cameras put the
 * full-size one in IFD0's strip (CR2), in a sub-IFD (NEF, DNG, ARW) or behind JPEGInterchangeFormat,
 * and only a thumbnail in IFD1, which is all exifr's thumbnail reads. Every offset comes from the file,
 * so each is checked against its length, and the walk is bounded: a hostile file cannot loop or send a
 * read past its end.
 */

/** Positioned reads of a file, or of bytes in memory. */
export interface ByteSource {
  size: number
  read(offset: number, length: number): Promise<Buffer>
}

export interface EmbeddedJpeg {
  offset: number
  length: number
  width: number
  height: number
}

const MAX_IFDS = 32
const MAX_ENTRIES = 1024
const MAX_SUB_IFDS = 16
/** Larger than any camera's preview; a length past this is a lie. */
const MAX_JPEG_BYTES = 64 * 1024 * 1024
/** Magic numbers after the byte order: TIFF, Olympus ORF ('RO', 'RS'), Panasonic RW2. */
const MAGIC = new Set([42, 0x4f52, 0x5352, 0x55])
const TYPE_SIZE: Record<number, number> = { 3: 2, 4: 4, 13: 4 }

export function bufferSource(bytes: Buffer): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) }
}

/** Runs `use` with the file open for positioned reads; closes it however `use` ends. */
export async function withFileSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    return await use({
      size,
      read: async (offset, length) => {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)))
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset)
        return buffer.subarray(0, bytesRead)
      }
    })
  } finally {
    await handle.close()
  }
}

/** A baseline or progressive JPEG's size from its frame header; undefined for anything else (a lossless RAW strip). */
async function jpegSize(source: ByteSource, offset: number, length: number): Promise<{ width: number; height: number } | undefined> {
  const end = offset + length
  const start = await source.read(offset, 2)
  if (start.length < 2 || start.readUInt16BE(0) !== 0xffd8) return undefined
  for (let at = offset + 2, markers = 0; at + 9 <= end && markers < 64; markers++) {
    const head = await source.read(at, 9)
    if (head.length < 9 || head[0] !== 0xff) return undefined
    const marker = head[1]!
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) return { height: head.readUInt16BE(5), width: head.readUInt16BE(7) }
    // Any other frame type (lossless, arithmetic) is not a picture sharp can open.
    if (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return undefined
    at += 2 + head.readUInt16BE(2)
  }
  return undefined
}

/** Whether bytes end as a whole JPEG does: with EOI (FF D9), perhaps padded after it. A preview cut short does not, and fails to decode. */
export function endsWithEoi(tail: Buffer): boolean {
  let end = tail.length
  while (end > 0 && (tail[end - 1] === 0x00 || tail[end - 1] === 0xff)) end--
  return end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9
}

interface Entry {
  tag: number
  type: number
  count: number
  /** Where the values are: in the entry itself when they fit in four bytes. */
  at: number
}

/** Every embedded JPEG the file's IFDs point at, largest first; empty when it is not TIFF-based. */
export async function embeddedJpegs(source: ByteSource): Promise<EmbeddedJpeg[]> {
  const header = await source.read(0, 8)
  if (header.length < 8) return []
  const order = header.toString('latin1', 0, 2)
  if (order !== 'II' && order !== 'MM') return []
  const little = order === 'II'
  const u16 = (b: Buffer, at: number): number => (little ? b.readUInt16LE(at) : b.readUInt16BE(at))
  const u32 = (b: Buffer, at: number): number => (little ? b.readUInt32LE(at) : b.readUInt32BE(at))
  if (!MAGIC.has(u16(header, 2))) return []

  const values = async (entry: Entry, most: number): Promise<number[]> => {
    const size = TYPE_SIZE[entry.type]
    if (!size || entry.count < 1 || entry.count > most) return []
    const bytes = await source.read(entry.at, entry.count * size)
    if (bytes.length < entry.count * size) return []
    return Array.from({ length: entry.count }, (_, i) => (size === 2 ? u16(bytes, i * 2) : u32(bytes, i * 4)))
  }

  const found: { offset: number; length: number }[] = []
  const queue = [u32(header, 4)]
  const seen = new Set<number>()
  for (let visits = 0; queue.length && visits < MAX_IFDS; visits++) {
    const ifd = queue.shift()!
    if (ifd < 8 || ifd + 2 > source.size || seen.has(ifd)) continue
    seen.add(ifd)
    const count = u16(await source.read(ifd, 2), 0)
    if (count > MAX_ENTRIES) continue
    const table = await source.read(ifd + 2, count * 12 + 4)
    if (table.length < count * 12) continue
    const entries = new Map<number, Entry>()
    for (let i = 0; i < count; i++) {
      const e = i * 12
      const type = u16(table, e + 2)
      const entryCount = u32(table, e + 4)
      const inline = (TYPE_SIZE[type] ?? 8) * entryCount <= 4
      entries.set(u16(table, e), { tag: u16(table, e), type, count: entryCount, at: inline ? ifd + 2 + e + 8 : u32(table, e + 8) })
    }
    const one = async (tag: number): Promise<number | undefined> => {
      const entry = entries.get(tag)
      return entry && (await values(entry, 1))[0]
    }
    const jpegAt = await one(0x201)
    const jpegLength = await one(0x202)
    if (jpegAt !== undefined && jpegLength !== undefined) found.push({ offset: jpegAt, length: jpegLength })
    // A single strip compressed as JPEG (6 old-style, 7 new) may be a preview, or lossless raw data: jpegSize tells.
    const compression = await one(0x103)
    const strips = entries.get(0x111)
    const stripLengths = entries.get(0x117)
    if ((compression === 6 || compression === 7) && strips?.count === 1 && stripLengths?.count === 1) {
      found.push({ offset: (await values(strips, 1))[0]!, length: (await values(stripLengths, 1))[0]! })
    }
    const subIfds = entries.get(0x14a)
    if (subIfds) queue.push(...(await values(subIfds, MAX_SUB_IFDS)))
    if (table.length === count * 12 + 4) queue.push(u32(table, count * 12))
  }

  const jpegs: EmbeddedJpeg[] = []
  for (const { offset, length } of found) {
    if (offset < 8 || length < 4 || length > MAX_JPEG_BYTES || offset + length > source.size) continue
    const size = await jpegSize(source, offset, length)
    const tail = await source.read(offset + length - Math.min(length, 64), Math.min(length, 64))
    if (size && size.width && size.height && endsWithEoi(tail)) jpegs.push({ offset, length, ...size })
  }
  return jpegs.sort((a, b) => b.width * b.height - a.width * a.height)
}
