import { readExif } from '../../engine'
import type { Exif } from 'sharp'

/** What an export takes from the original: the EXIF to write (as sharp wants it) and the day it was taken. */
export interface OriginalExif {
  tags: Exif
  /** YYYY-MM-DD from DateTimeOriginal (or CreateDate), as the camera wrote it. */
  takenOn?: string
}

type Group = 'ifd0' | 'exif' | 'gps'
type SharpIfd = keyof Exif

/** exifr's names to libvips' (libexif's), per IFD; orientation is never copied, the pixels are turned upright. */
const COPIED: Record<Group, { ifd: SharpIfd; tags: Record<string, string> }> = {
  ifd0: { ifd: 'IFD0', tags: { Make: 'Make', Model: 'Model', Artist: 'Artist', Copyright: 'Copyright', ModifyDate: 'DateTime' } },
  exif: {
    ifd: 'IFD2',
    tags: {
      DateTimeOriginal: 'DateTimeOriginal',
      CreateDate: 'DateTimeDigitized',
      OffsetTimeOriginal: 'OffsetTimeOriginal',
      ExposureTime: 'ExposureTime',
      FNumber: 'FNumber',
      ISO: 'ISOSpeedRatings',
      FocalLength: 'FocalLength',
      LensMake: 'LensMake',
      LensModel: 'LensModel',
      SerialNumber: 'BodySerialNumber'
    }
  },
  gps: {
    ifd: 'IFD3',
    tags: Object.fromEntries(
      ['GPSLatitudeRef', 'GPSLatitude', 'GPSLongitudeRef', 'GPSLongitude', 'GPSAltitudeRef', 'GPSAltitude', 'GPSTimeStamp', 'GPSDateStamp'].map((t) => [t, t])
    )
  }
}

/** libvips reads a tag's value from text: rationals as n/d, lists separated by spaces. */
function asText(value: unknown, tag: string): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number') {
    if (tag === 'ISO' || tag === 'GPSAltitudeRef' || Number.isInteger(value)) return String(value)
    return `${Math.round(value * 1_000_000)}/1000000`
  }
  if (value instanceof Uint8Array || Array.isArray(value)) {
    const parts = Array.from(value as ArrayLike<unknown>).map((v) => asText(v, tag))
    return parts.every((p) => p !== undefined) && parts.length ? (tag === 'ISO' ? parts[0] : parts.join(' ')) : undefined
  }
  return undefined
}

/** An original that cannot be read (gone, or no EXIF) gives no tags rather than failing its export. */
export async function readOriginalExif(path: string, withGps: boolean): Promise<OriginalExif> {
  const groups = (await readExif(path, { tiff: true, exif: true, gps: withGps, ifd1: false, xmp: false, icc: false, iptc: false, reviveValues: false, translateValues: false, mergeOutput: false })) as
    | Partial<Record<Group, Record<string, unknown>>>
    | undefined
  const tags: Exif = {}
  for (const [group, { ifd, tags: names }] of Object.entries(COPIED) as [Group, (typeof COPIED)[Group]][]) {
    if (group === 'gps' && !withGps) continue
    for (const [from, to] of Object.entries(names)) {
      const text = asText(groups?.[group]?.[from], from)
      if (text !== undefined) tags[ifd] = { ...tags[ifd], [to]: text }
    }
  }
  const taken = String(groups?.exif?.['DateTimeOriginal'] ?? groups?.exif?.['CreateDate'] ?? '')
  const day = /^(\d{4})[:-](\d{2})[:-](\d{2})/.exec(taken)
  return { tags, ...(day ? { takenOn: `${day[1]}-${day[2]}-${day[3]}` } : {}) }
}
