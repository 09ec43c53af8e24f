import { crc32, deflateSync } from 'node:zlib'

/**
 * An ICC profile's description ('desc' tag: v2 ASCII or v4 multi-language UTF-16), e.g. "Display P3";
 * undefined when the profile is malformed or has none.
 */
export function iccDescription(icc: Buffer): string | undefined {
  if (icc.length < 132 || icc.toString('latin1', 36, 40) !== 'acsp') return undefined
  const count = Math.min(icc.readUInt32BE(128), Math.floor((icc.length - 132) / 12))
  for (let i = 0; i < count; i++) {
    const entry = 132 + i * 12
    if (icc.toString('latin1', entry, entry + 4) !== 'desc') continue
    const at = icc.readUInt32BE(entry + 4)
    const end = Math.min(icc.length, at + icc.readUInt32BE(entry + 8))
    if (at + 12 > end) return undefined
    const type = icc.toString('latin1', at, at + 4)
    if (type === 'desc') return clean(icc.toString('latin1', at + 12, Math.min(end, at + 12 + icc.readUInt32BE(at + 8))))
    if (type !== 'mluc' || at + 28 > end) return undefined
    // The first record: most profiles hold one language only.
    const length = icc.readUInt32BE(at + 20)
    const offset = at + icc.readUInt32BE(at + 24)
    if (offset + length > end) return undefined
    return clean(Buffer.from(icc.subarray(offset, offset + length)).swap16().toString('utf16le'))
  }
  return undefined
}

const clean = (text: string): string | undefined => text.replace(/\0+$/, '').trim() || undefined

/** sRGB under any of the names its profiles go by ("sRGB IEC61966-2.1", "sRGB built-in", "sRGB2014"). */
export function isSrgbProfile(icc: Buffer): boolean {
  return /srgb/i.test(iccDescription(icc) ?? '')
}

/**
 * The PNG with `icc` as its colour profile (an iCCP chunk after the header): sharp takes a profile only
 * from a file it decodes, and decoded HEIC pixels arrive bare.
 */
export function pngWithIcc(png: Buffer, icc: Buffer): Buffer {
  const headerEnd = 8 + 8 + 13 + 4
  const body = Buffer.concat([Buffer.from('iCCPicc\0\0', 'latin1'), deflateSync(icc)])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length - 4)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([png.subarray(0, headerEnd), length, body, crc, png.subarray(headerEnd)])
}
