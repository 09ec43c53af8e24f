import type { Metadata } from 'sharp'
import { loadSharp } from './libraries'

/** Headers read, by the very bytes they were read from: a photo's header is read once on its way (judged, then made into an upload). */
const read = new WeakMap<Buffer, Promise<Metadata>>()

/** What sharp reads from the header of an image held in memory (its declared size judged by the caller, so no pixel limit). */
export function headerOf(bytes: Buffer): Promise<Metadata> {
  let header = read.get(bytes)
  if (!header) {
    header = loadSharp().then((sharp) => sharp(bytes, { limitInputPixels: false }).metadata())
    read.set(bytes, header)
  }
  return header
}
