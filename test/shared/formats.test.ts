import { describe, expect, it } from 'vitest'
import { imageOutput } from '../../src/engine/providers/http'
import { formatOf } from '../../src/main/catalog/results'
import { FORMATS, formatOfExtension, formatOfMime, IMAGE_FORMATS, PHOTO_NAME, RAW_NAME } from '../../src/shared/images/formats'
import { extensionOf } from '../../src/shared/operations/common'

describe('the one image-format table', () => {
  it('names every format on disk and on the wire, both ways', () => {
    for (const format of IMAGE_FORMATS) {
      expect(formatOfExtension(FORMATS[format].extension)).toBe(format)
      expect(formatOfMime(FORMATS[format].mime)).toBe(format)
      for (const extension of FORMATS[format].extensions) expect(PHOTO_NAME.test(`a.${extension.toUpperCase()}`)).toBe(true)
    }
    expect(formatOfMime('image/jpeg; charset=binary')).toBe('jpeg')
    expect(formatOfExtension('.JPEG')).toBe('jpeg')
    expect(RAW_NAME.test('IMG_1.CR3')).toBe(true)
    expect(PHOTO_NAME.test('notes.txt')).toBe(false)
  })

  it('an answer, an output and an API format name get the same extension and format', () => {
    const tiff = Buffer.concat([Buffer.from('II*\0'), Buffer.alloc(12)])
    // Each of these had a table of its own that knew fewer formats: a TIFF answer was saved as .png.
    expect(imageOutput(tiff, 'Photoroom').extension).toBe('tif')
    expect(() => imageOutput(Buffer.from('<html>not an image</html>'), 'Photoroom')).toThrow(/not an image/)
    expect(formatOf('/out/a.TIF')).toBe('tiff')
    expect(formatOf('/out/a.jpg')).toBe('jpeg')
    expect(extensionOf('jpeg', 'png')).toBe('jpg')
    // An operation's own documented default: Photoroom's png, Phota's jpg since 2026-05-08.
    expect(extensionOf(undefined, 'png')).toBe('png')
    expect(extensionOf(undefined, 'jpg')).toBe('jpg')
  })
})
