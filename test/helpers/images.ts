import sharp, { type Metadata } from 'sharp'

/** A product shot: a coloured square on a light, even background, like a catalogue photo. */
export async function productPhoto(
  options: { width?: number; height?: number; format?: 'jpeg' | 'png' | 'webp'; subject?: string } = {}
): Promise<Buffer> {
  const { width = 400, height = 300, format = 'jpeg', subject = '#c03020' } = options
  const side = Math.max(8, Math.floor(Math.min(width, height) / 2))
  return sharp({ create: { width, height, channels: 3, background: '#eeeeee' } })
    .composite([{ input: { create: { width: side, height: side, channels: 3, background: subject } }, gravity: 'center' }])
    .toFormat(format)
    .toBuffer()
}

/** A frame of one colour: nothing to cut out. */
export function blankPhoto(width = 200, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#eeeeee' } }).png().toBuffer()
}

export async function decode(bytes: Buffer | Uint8Array): Promise<Metadata> {
  return sharp(bytes).metadata()
}

/** A HEIC file header: enough to be recognised as HEIC from its bytes. */
export function heicHeader(): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)])
}
