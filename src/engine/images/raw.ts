import { readdir } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { RAW_SIBLING_EXTENSIONS } from '../../shared/images/formats'
import { embeddedPreview, type Preview } from './preview'

/** The long side below which an embedded preview is a thumbnail, not a photo worth sending. */
export const MIN_PREVIEW_SIDE = 2000

const SIBLING = new RegExp(`\\.(${RAW_SIBLING_EXTENSIONS.join('|')})$`, 'i')

export type RawSource = { sibling: string; note: string } | { preview: Preview; note: string } | { skip: string }

/** A JPEG or HEIC next to the RAW file with the same name (the camera's RAW+JPEG pair). */
export async function siblingOf(path: string): Promise<string | undefined> {
  const stem = basename(path, extname(path)).toLowerCase()
  const names = await readdir(dirname(path)).catch(() => [])
  const match = names.sort().find((name) => SIBLING.test(name) && basename(name, extname(name)).toLowerCase() === stem)
  return match && join(dirname(path), match)
}

/**
 * What is sent for a RAW file, which no provider takes: its JPEG or HEIC sibling, else the full-size
 * preview the camera embedded if it is large enough, else nothing, with the reason.
 */
export async function rawSource(path: string): Promise<RawSource> {
  const sibling = await siblingOf(path)
  if (sibling) return { sibling, note: `sent ${basename(sibling)}, the camera's JPEG or HEIC of this RAW file (no provider takes RAW)` }
  const preview = await embeddedPreview(path)
  if (preview && Math.max(preview.width, preview.height) >= MIN_PREVIEW_SIDE) {
    return { preview, note: `sent the ${preview.width} × ${preview.height} JPEG preview embedded in this RAW file (no provider takes RAW)` }
  }
  const found = preview ? `its embedded preview is only ${preview.width} × ${preview.height}` : 'it has no embedded preview Proofsheet can read'
  return { skip: `a RAW file, which no provider takes: there is no JPEG or HEIC with the same name, and ${found} (at least ${MIN_PREVIEW_SIDE} px on the long side is needed)` }
}
