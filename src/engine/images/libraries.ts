import type Exifr from 'exifr'
import type Sharp from 'sharp'

let sharpLoading: Promise<typeof Sharp> | undefined
let exifrLoading: Promise<typeof Exifr> | undefined

/*
 * sharp (with libvips) and exifr load the first time a photo is read, not when the engine is imported:
 * a run on the command line then has its account check on the wire while they load, instead of
 * loading them first (about a tenth of a second before its first request).
 */

export function loadSharp(): Promise<typeof Sharp> {
  sharpLoading ??= import('sharp').then((module) => module.default)
  return sharpLoading
}

export function loadExifr(): Promise<typeof Exifr> {
  exifrLoading ??= import('exifr').then((module) => module.default)
  return exifrLoading
}
