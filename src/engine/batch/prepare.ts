import { RAW_NAME } from '../../shared/images/formats'
import type { OperationSchema, ParamValues } from '../../shared/operations'
import type { PhotoLook } from '../files/file-steps'
import { onFileThread } from '../files/file-thread'
import { inspectBytes, inspectFile, type Inspection } from '../files/inspect'
import { inside } from '../files/inside'
import { OUTPUT_FOLDER_REASON } from '../files/scan'
import { planUpload, type UploadPlan } from '../images/fit'
import { contentHash, readSource, type Source } from '../images/source'
import { jobKey } from '../purchases/job-key'
import { urlContent } from '../sources/photo-url'
import type { BatchInput, PhotoFacts } from './input'

export interface PrepareOptions {
  /** Inputs inside it are Proofsheet's own results, never sent again. */
  outDir?: string
  /** "Fit oversize photos to the provider's limits": off skips them with the reason instead. */
  fit?: boolean
}

export type Prepared =
  | { skip: string }
  | {
      facts: PhotoFacts
      /** The purchase: the photo's bytes, the operation and its parameters. */
      key: string
      /** Set when the file had to be looked at again, so the caller can keep what was learnt. */
      learnt: boolean
      plan: UploadPlan
      /** The exact bytes hashed into the key, when they were read here: what will be sent. */
      source?: Source
    }

/** Past this size a photo not seen before is judged from its ends first, and read whole only once it is found sendable. */
const READ_AT_ONCE_UP_TO = 64 * 1024 * 1024

/**
 * Where the photo really is, its size and time, and, for a photo not seen before that is neither RAW
 * nor huge, its bytes: they are hashed next anyway, so the file is read once, not twice. One hand-off
 * to the file thread for all of it.
 */
async function look(input: BatchInput, outDir: string | undefined, read = !input.known && !RAW_NAME.test(input.path)): Promise<PhotoLook> {
  return onFileThread('lookAtPhotoStep', { path: input.path, outDir: outDir ?? null, read, readUpTo: READ_AT_ONCE_UP_TO })
}

/** The caller's facts still hold while the file's size and modification time are what they saw. */
function stillKnown(input: BatchInput, seen: PhotoLook): PhotoFacts | null {
  const known = input.known
  return known && seen.file && seen.file.size === known.bytes && seen.file.mtimeMs === known.mtimeMs ? known : null
}

/** A photo not seen before (or changed since), judged: from its bytes when they were read, from its ends otherwise. */
async function firstLook(input: BatchInput, seen: PhotoLook): Promise<{ inspection: Inspection; source?: Source }> {
  // Known facts found stale: the bytes were not asked for the first time.
  const read = input.known && !RAW_NAME.test(input.path) ? await look(input, undefined, true) : seen
  if (!read.file?.isFile || !read.bytes) return { inspection: await inspectFile(input.path) }
  const bytes = Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength)
  return { inspection: await inspectBytes(input.path, bytes, read.file.mtimeMs), source: { bytes } }
}

/**
 * The first stage of a photo's way through a batch: is it something this operation can take (once
 * fitted to its limits), and which purchase is it? Only what may have changed since the caller last
 * looked is read again.
 */
export async function preparePhoto(input: BatchInput, operation: OperationSchema, values: ParamValues, options: PrepareOptions = {}): Promise<Prepared> {
  if (input.skip) return { skip: input.skip }
  const seen = await look(input, options.outDir)
  if (seen.outReal !== null && inside(seen.real, seen.outReal)) return { skip: OUTPUT_FOLDER_REASON }
  let facts = stillKnown(input, seen)
  let learnt = false
  let source: Source | undefined
  if (!facts) {
    const first = await firstLook(input, seen)
    if (!first.inspection.ok) return { skip: first.inspection.reason }
    const { ok, ...fresh } = first.inspection
    facts = fresh
    source = first.source
    learnt = true
  }
  const plan = planUpload(facts, operation.inputLimits, options.fit ?? true)
  const problems = operation.inputProblems(plan.sent, values)
  if (problems.length) return { skip: problems.join('; ') + (plan.fitRefused ? ' (fitting oversize photos to the provider\'s limits is turned off)' : '') }
  if (!facts.contentHash) {
    source ??= await readSource(input.path)
    facts = { ...facts, contentHash: contentHash(source.bytes) }
    learnt = true
  }
  // A photo by address whose server names its version is that version: a new ETag is a new purchase.
  return { facts, key: jobKey(urlContent(input.url, facts.contentHash as string), operation.id, values), learnt, plan, ...(source ? { source } : {}) }
}
