import sharp, { type Exif, type OutputInfo } from 'sharp'
import type { ResolvedExportOptions } from './export-options'

export type RenderSettings = Pick<ResolvedExportOptions, 'format' | 'quality' | 'background' | 'resize' | 'dpi'> & { exif?: Exif }

const FIT = { fit: 'inside', fill: 'cover', pad: 'contain' } as const

/**
 * The bytes of one exported file: upright, resized, flattened onto the fill colour where asked (always
 * for JPEG, which has no transparency), converted to sRGB with the profile embedded, the DPI and EXIF
 * given. Same input and settings give the same bytes, which is what lets a re-export skip a file.
 */
export async function renderExport(source: string, o: RenderSettings): Promise<{ data: Buffer; info: OutputInfo }> {
  const fill = o.background ? `#${o.background.replace('#', '')}` : o.format === 'jpeg' ? '#ffffff' : undefined
  let image = sharp(source, { failOn: 'error' }).autoOrient()
  if (o.resize) {
    image = image.resize({ width: o.resize.width, height: o.resize.height, fit: FIT[o.resize.fit], background: fill ?? { r: 0, g: 0, b: 0, alpha: 0 } })
  }
  if (fill) image = image.flatten({ background: fill })
  image = image.withIccProfile('srgb')
  if (o.dpi) image = image.withDensity(o.dpi)
  if (o.exif && Object.keys(o.exif).length) image = image.withExif(o.exif)
  if (o.format === 'jpeg') image = image.jpeg({ quality: o.quality })
  else if (o.format === 'png') image = image.png()
  else if (o.format === 'webp') image = image.webp({ quality: o.quality })
  else image = image.avif({ quality: o.quality })
  return image.toBuffer({ resolveWithObject: true })
}
