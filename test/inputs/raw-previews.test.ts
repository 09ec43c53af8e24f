import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { bufferSource, embeddedJpegs } from '../../src/engine/images/raw-previews'
import { rawSource } from '../../src/engine/images/raw'
import { tiffWithPreview } from '../helpers/exif-preview'
import { productPhoto } from '../helpers/images'
import { tempDir } from '../helpers/photos'
import { craftTiff, cr2Like, LOSSLESS_STRIP, subIfdLike } from '../helpers/tiff-raw'

const sizes = async (file: Buffer): Promise<string[]> => (await embeddedJpegs(bufferSource(file))).map((j) => `${j.width}x${j.height}`)

test('the full-size preview in IFD0’s strip (CR2) is found beside the IFD1 thumbnail, and sent', async () => {
  const file = cr2Like(await productPhoto({ width: 3000, height: 2000 }), await productPhoto({ width: 160, height: 120 }))
  expect(await sizes(file)).toEqual(['3000x2000', '160x120'])
  const dir = tempDir()
  writeFileSync(join(dir, 'IMG_0002.CR2'), file)
  expect(await rawSource(join(dir, 'IMG_0002.CR2'))).toMatchObject({ preview: { width: 3000, height: 2000 }, note: 'sent the 3000 × 2000 JPEG preview embedded in this RAW file (no provider takes RAW)' })
})

test('a preview only in a sub-IFD (NEF, DNG) is found, and the lossless raw data beside it is not taken for one', async () => {
  const file = subIfdLike(await productPhoto({ width: 2400, height: 1600 }), await productPhoto({ width: 160, height: 120 }))
  expect(await sizes(file)).toEqual(['2400x1600', '160x120'])
  const dir = tempDir()
  writeFileSync(join(dir, 'DSC_0001.NEF'), file)
  expect(await rawSource(join(dir, 'DSC_0001.NEF'))).toMatchObject({ preview: { width: 2400, height: 1600 } })
})

test('hostile offsets are ignored: IFDs that loop, pointers and lengths past the end, absurd counts, a JPEG that is not one', async () => {
  const jpeg = await productPhoto({ width: 64, height: 48 })
  // IFD0 chains to itself and lists itself as its own sub-IFD.
  expect(await sizes(craftTiff([{ entries: [[0x14a, 4, [{ ifd: 0 }]]], next: { ifd: 0 } }], []))).toEqual([])
  // A preview said to start, or to run, past the end of the file; a sub-IFD far outside it.
  const past = craftTiff([{ entries: [[0x201, 4, [1 << 30]], [0x202, 4, [100]], [0x14a, 4, [0xfffffff0]]], next: { ifd: 1 } }, { entries: [[0x201, 4, [{ data: 0 }]], [0x202, 4, [1 << 20]]] }], [jpeg])
  expect(await sizes(past)).toEqual([])
  // Millions of sub-IFDs declared, and an entry count no IFD has.
  const absurd = craftTiff([{ entries: [[0x14a, 4, [8]]] }], [])
  absurd.writeUInt32LE(5_000_000, 8 + 2 + 4)
  expect(await sizes(absurd)).toEqual([])
  const many = craftTiff([{ entries: [] }], [])
  many.writeUInt16LE(60_000, 8)
  expect(await sizes(many)).toEqual([])
  // A JPEG start marker over lossless data, and over garbage.
  const notJpeg = craftTiff([{ entries: [[0x201, 4, [{ data: 0 }]], [0x202, 4, [{ dataLength: 0 }]]], next: { ifd: 1 } }, { entries: [[0x201, 4, [{ data: 1 }]], [0x202, 4, [{ dataLength: 1 }]]] }], [LOSSLESS_STRIP, Buffer.from([0xff, 0xd8, 0, 1, 2, 3, 4, 5, 6, 7, 8])])
  expect(await sizes(notJpeg)).toEqual([])
})

test('a preview cut short (no end marker) is not taken for one: the RAW is skipped with the reason, never a failure of the reading', async () => {
  const preview = await productPhoto({ width: 3000, height: 2000 })
  const cut = preview.subarray(0, preview.length >> 1)
  const file = cr2Like(cut, await productPhoto({ width: 160, height: 120 }))
  expect(await sizes(file)).toEqual(['160x120'])
  const dir = tempDir()
  // Turned by its orientation, the cut-short preview would be decoded: that threw and stopped the facts reader.
  writeFileSync(join(dir, 'IMG_0003.DNG'), tiffWithPreview(cut, 6))
  expect(await rawSource(join(dir, 'IMG_0003.DNG'))).toEqual({ skip: expect.stringMatching(/no embedded preview Proofsheet can read/) })
})
