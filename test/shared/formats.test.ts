import { describe, expect, it } from 'vitest'
import { extensionFor } from '../../src/engine/providers/http'
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
    // Each of these had a table of its own that knew fewer formats: a TIFF answer was saved as .png.
    const answers = ['image/jpeg', 'image/tiff', 'text/html'].map(extensionFor)
    const outputs = ['/out/a.TIF', '/out/a.jpg'].map(formatOf)
    const apiNames = ['jpeg', undefined].map(extensionOf)
    expect({ answers, outputs, apiNames }).toEqual({ answers: ['jpg', 'tif', 'png'], outputs: ['tiff', 'jpeg'], apiNames: ['jpg', 'png'] })
  })
})
