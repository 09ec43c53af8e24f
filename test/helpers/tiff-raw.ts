/**
 * RAW-like files laid out as cameras lay them out (part of the corpus generator): IFDs after the
 * header, then the data they point at. Values refer to a data block's offset or length, or to another
 * IFD's offset, so previews can sit in IFD0's strip (CR2), in sub-IFDs (NEF, DNG) or in IFD1.
 */
export type Value = number | { data: number } | { dataLength: number } | { ifd: number }

export interface IfdSpec {
  /** Tag, TIFF type (3 SHORT, 4 LONG, 13 IFD) and values. */
  entries: [tag: number, type: 3 | 4 | 13, values: Value[]][]
  /** The IFD this one chains to (IFD0 → IFD1); none by default. */
  next?: Value
}

export function craftTiff(ifds: IfdSpec[], data: Buffer[]): Buffer {
  // Each IFD: count, entries, next pointer, then the values too long to sit in their entry.
  const outOfLine = (spec: IfdSpec): number => spec.entries.reduce((n, [, type, values]) => n + (values.length * (type === 3 ? 2 : 4) > 4 ? values.length * (type === 3 ? 2 : 4) : 0), 0)
  const ifdAt: number[] = []
  let at = 8
  for (const spec of ifds) {
    ifdAt.push(at)
    at += 2 + spec.entries.length * 12 + 4 + outOfLine(spec)
  }
  const dataAt: number[] = []
  for (const block of data) {
    dataAt.push(at)
    at += block.length
  }
  const resolve = (value: Value): number =>
    typeof value === 'number' ? value : 'data' in value ? dataAt[value.data]! : 'dataLength' in value ? data[value.dataLength]!.length : ifdAt[value.ifd]!
  const tiff = Buffer.alloc(at)
  tiff.write('II*\0', 0, 'latin1')
  tiff.writeUInt32LE(ifdAt[0] ?? 0, 4)
  ifds.forEach((spec, i) => {
    const start = ifdAt[i]!
    let extra = start + 2 + spec.entries.length * 12 + 4
    tiff.writeUInt16LE(spec.entries.length, start)
    spec.entries.forEach(([tag, type, values], e) => {
      const entry = start + 2 + e * 12
      const size = type === 3 ? 2 : 4
      tiff.writeUInt16LE(tag, entry)
      tiff.writeUInt16LE(type, entry + 2)
      tiff.writeUInt32LE(values.length, entry + 4)
      let target = entry + 8
      if (values.length * size > 4) {
        tiff.writeUInt32LE(extra, entry + 8)
        target = extra
        extra += values.length * size
      }
      values.forEach((value, v) => (size === 2 ? tiff.writeUInt16LE(resolve(value), target + v * 2) : tiff.writeUInt32LE(resolve(value), target + v * 4)))
    })
    tiff.writeUInt32LE(spec.next === undefined ? 0 : resolve(spec.next), start + 2 + spec.entries.length * 12)
  })
  data.forEach((block, i) => block.copy(tiff, dataAt[i]!))
  return tiff
}

const COMPRESSION = 0x103
const STRIP_OFFSETS = 0x111
const STRIP_BYTE_COUNTS = 0x117
const SUB_IFDS = 0x14a
const JPEG_AT = 0x201
const JPEG_LENGTH = 0x202

/** A CR2-like file: the full-size preview as IFD0's one JPEG strip, a thumbnail in IFD1. */
export function cr2Like(preview: Buffer, thumbnail: Buffer): Buffer {
  return craftTiff(
    [
      { entries: [[COMPRESSION, 3, [6]], [STRIP_OFFSETS, 4, [{ data: 0 }]], [STRIP_BYTE_COUNTS, 4, [{ dataLength: 0 }]]], next: { ifd: 1 } },
      { entries: [[JPEG_AT, 4, [{ data: 1 }]], [JPEG_LENGTH, 4, [{ dataLength: 1 }]]] }
    ],
    [preview, thumbnail]
  )
}

/** A lossless-JPEG frame header (SOF3), as RAW data strips begin: not a picture to send. */
export const LOSSLESS_STRIP = Buffer.from([0xff, 0xd8, 0xff, 0xc3, 0, 11, 8, 0, 16, 0, 16, 1, 1, 0x11, 0, 0xff, 0xd9])

/** A NEF- or DNG-like file: a thumbnail in IFD1, the raw data and the full-size preview in two sub-IFDs. */
export function subIfdLike(preview: Buffer, thumbnail: Buffer): Buffer {
  return craftTiff(
    [
      { entries: [[SUB_IFDS, 4, [{ ifd: 1 }, { ifd: 2 }]]], next: { ifd: 3 } },
      { entries: [[COMPRESSION, 3, [7]], [STRIP_OFFSETS, 4, [{ data: 2 }]], [STRIP_BYTE_COUNTS, 4, [{ dataLength: 2 }]]] },
      { entries: [[JPEG_AT, 4, [{ data: 0 }]], [JPEG_LENGTH, 4, [{ dataLength: 0 }]]] },
      { entries: [[JPEG_AT, 4, [{ data: 1 }]], [JPEG_LENGTH, 4, [{ dataLength: 1 }]]] }
    ],
    [preview, thumbnail, LOSSLESS_STRIP]
  )
}
