import type { ImageFormat } from '../../shared/images/formats'
import type { NameRequest } from '../files/output-plan'
import { scanInputs } from '../files/scan'
import type { PhotoUrl } from '../sources/photo-url'

/** What is known of a photo's file: enough to skip looking at it again while its size and time are unchanged. */
export interface PhotoFacts {
  format: ImageFormat
  bytes: number
  mtimeMs: number
  /** Upright size; 0 when it cannot be read (HEIC here). */
  width: number
  height: number
  orientation: number
  contentHash?: string
}

/** One photo handed to a batch, under the caller's own reference. */
export interface BatchInput {
  path: string
  /** Reported back on every job of this photo: the app's photo id, the CLI's path. */
  ref: string
  /** Where its result goes, relative to the output folder (the input's folders, mirrored). */
  outputDir: string
  /** What the caller last saw of the file; the engine re-checks only when size or time changed. */
  known?: PhotoFacts
  /** Already known not to be sendable (junk, a link loop): reported as skipped with this reason. */
  skip?: string
  /** A photo by address: `path` is Proofsheet's copy of it, and the address goes to providers that take one. */
  url?: PhotoUrl
}

/** Files and folders as the CLI names them: every photo found, and every file passed over with its reason. */
export async function inputsFromPaths(paths: string[], exclude: string[] = []): Promise<BatchInput[]> {
  const { files, skipped } = await scanInputs(paths, exclude)
  return [...skipped.map((s) => ({ path: s.path, ref: s.path, outputDir: '', skip: s.reason })), ...files.map((f) => ({ path: f.path, ref: f.path, outputDir: f.outputDir }))]
}

/** What naming needs of each photo that can have an output: skipped inputs get no name. */
export function nameRequests(inputs: readonly BatchInput[], expected: { count: number; extension: string }): NameRequest[] {
  return inputs.filter((i) => !i.skip).map((i) => ({ path: i.path, outputDir: i.outputDir, ...expected }))
}
