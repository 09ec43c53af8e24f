/**
 * The image formats Proofsheet knows, once: how each is named on disk and on the wire. Sniffing,
 * providers' limits, answers' content types, outputs, exports and the image protocol all read this.
 */
export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'heic', 'avif', 'gif', 'tiff'] as const

export type ImageFormat = (typeof IMAGE_FORMATS)[number]

interface FormatFacts {
  /** The extension a file written in it gets. */
  extension: string
  /** Every extension a file of it may carry, lower case. */
  extensions: readonly string[]
  mime: string
}

export const FORMATS: Readonly<Record<ImageFormat, FormatFacts>> = {
  jpeg: { extension: 'jpg', extensions: ['jpg', 'jpeg'], mime: 'image/jpeg' },
  png: { extension: 'png', extensions: ['png'], mime: 'image/png' },
  webp: { extension: 'webp', extensions: ['webp'], mime: 'image/webp' },
  heic: { extension: 'heic', extensions: ['heic', 'heif'], mime: 'image/heic' },
  avif: { extension: 'avif', extensions: ['avif'], mime: 'image/avif' },
  gif: { extension: 'gif', extensions: ['gif'], mime: 'image/gif' },
  tiff: { extension: 'tif', extensions: ['tif', 'tiff'], mime: 'image/tiff' }
}

/** What an export can write. */
export const EXPORT_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const satisfies readonly ImageFormat[]

/** Camera RAW: no provider takes them; a JPEG or HEIC of the same name, or the embedded preview, goes instead. */
export const RAW_EXTENSIONS = ['cr2', 'cr3', 'nef', 'arw', 'raf', 'orf', 'rw2', 'dng'] as const

/** What a camera writes beside a RAW file under the same name, sent in its place. */
export const RAW_SIBLING_EXTENSIONS: readonly string[] = [...FORMATS.jpeg.extensions, ...FORMATS.heic.extensions]

export const RAW_NAME = new RegExp(`\\.(${RAW_EXTENSIONS.join('|')})$`, 'i')

/** Names that say "photo": what a catalog takes in when a folder is added, before any byte is read. */
export const PHOTO_NAME = new RegExp(`\\.(${[...IMAGE_FORMATS.flatMap((f) => FORMATS[f].extensions), ...RAW_EXTENSIONS].join('|')})$`, 'i')

/** The format a file extension (with or without its dot, any case) names; undefined for anything else. */
export function formatOfExtension(extension: string): ImageFormat | undefined {
  const bare = extension.replace(/^\./, '').toLowerCase()
  return IMAGE_FORMATS.find((f) => FORMATS[f].extensions.includes(bare))
}

/** The format a content type (parameters allowed) names; undefined for anything else. */
export function formatOfMime(contentType: string | undefined): ImageFormat | undefined {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  return IMAGE_FORMATS.find((f) => FORMATS[f].mime === mime)
}
