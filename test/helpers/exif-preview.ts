import sharp from 'sharp'

/**
 * A TIFF block as cameras write it: an orientation (IFD0) and an embedded preview JPEG (IFD1), built
 * byte by byte because sharp writes no EXIF previews. On its own it is a RAW-like (DNG, CR2, NEF) file.
 */
export function tiffWithPreview(preview: Buffer, orientation = 1): Buffer {
  const ifd0 = 8
  const ifd1 = ifd0 + 2 + 12 + 4
  const thumbAt = ifd1 + 2 + 24 + 4
  const tiff = Buffer.alloc(thumbAt)
  tiff.write('II*\0', 0, 'latin1')
  tiff.writeUInt32LE(ifd0, 4)
  const entry = (at: number, tag: number, type: number, value: number): void => {
    tiff.writeUInt16LE(tag, at)
    tiff.writeUInt16LE(type, at + 2)
    tiff.writeUInt32LE(1, at + 4)
    if (type === 3) tiff.writeUInt16LE(value, at + 8)
    else tiff.writeUInt32LE(value, at + 8)
  }
  tiff.writeUInt16LE(1, ifd0)
  entry(ifd0 + 2, 0x0112, 3, orientation)
  tiff.writeUInt32LE(ifd1, ifd0 + 14)
  tiff.writeUInt16LE(2, ifd1)
  entry(ifd1 + 2, 0x0201, 4, thumbAt)
  entry(ifd1 + 14, 0x0202, 4, preview.length)
  tiff.writeUInt32LE(0, ifd1 + 26)
  return Buffer.concat([tiff, preview])
}

/** A camera-style JPEG: `main` with an EXIF block holding an embedded preview and an orientation. */
export async function jpegWithPreview(main: Buffer, preview: Buffer, orientation = 1): Promise<Buffer> {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiffWithPreview(preview, orientation)])
  const header = Buffer.from([0xff, 0xe1, 0, 0])
  header.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([main.subarray(0, 2), header, payload, main.subarray(2)])
}

export function solid(width: number, height: number, background: string, quality = 80): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).jpeg({ quality }).toBuffer()
}

export async function centrePixel(bytes: Buffer): Promise<{ width: number; height: number; r: number; g: number; b: number }> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
  const at = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels
  return { width: info.width, height: info.height, r: data[at]!, g: data[at + 1]!, b: data[at + 2]! }
}
