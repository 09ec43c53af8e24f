import sharp from 'sharp'
import { expect, test } from 'vitest'
import { planUpload } from '../../src/engine/images/fit'
import { iccDescription } from '../../src/engine/images/icc'
import { buildUpload } from '../../src/engine/images/upload'
import type { InputLimits } from '../../src/shared/images/input-limits'

const PHOTOROOM: InputLimits = { formats: ['jpeg', 'png', 'webp'], maxSide: 6000, srgbOnly: true }
const ANY_COLOURS: InputLimits = { formats: ['jpeg', 'png', 'webp'], maxSide: 6000 }

/** sRGB red written as Display P3 values (about 234, 51, 35) with sharp's P3 profile. */
const p3Jpeg = (): Promise<Buffer> => sharp({ create: { width: 64, height: 48, channels: 3, background: '#ff0000' } }).withIccProfile('p3').jpeg({ quality: 95 }).toBuffer()
const centre = async (bytes: Buffer): Promise<number[]> => [...(await sharp(bytes, { ignoreIcc: true }).extract({ left: 32, top: 24, width: 1, height: 1 }).raw().toBuffer())]

async function send(bytes: Buffer, limits: InputLimits): ReturnType<typeof buildUpload> {
  const image = { format: 'jpeg' as const, width: 64, height: 48, bytes: bytes.length }
  return buildUpload({ bytes }, { format: 'jpeg', orientation: 1 }, planUpload(image, limits, true), limits)
}

test('a JPEG in another colour profile is converted from it to sRGB for a provider that takes sRGB only, and kept as it is for others', async () => {
  const original = await p3Jpeg()
  const converted = await send(original, PHOTOROOM)
  expect(converted.notes).toEqual([`converted from ${iccDescription((await sharp(original).metadata()).icc as Buffer)} to sRGB, the only colour space the provider takes`])
  expect((await sharp(converted.bytes).metadata()).icc).toBeUndefined()
  const [r, g, b] = await centre(converted.bytes)
  expect(r).toBeGreaterThan(240)
  expect(g! + b!).toBeLessThan(30)
  const kept = await send(original, ANY_COLOURS)
  expect(kept).toEqual({ bytes: original, format: 'jpeg', notes: [] })
})
