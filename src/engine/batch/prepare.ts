import { readFile, realpath, stat } from 'node:fs/promises'
import { RAW_NAME } from '../../shared/images/formats'
import type { OperationSchema, ParamValues } from '../../shared/operations'
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

/** The caller's facts still hold while the file's size and modification time are what they saw. */
async function stillKnown(input: BatchInput): Promise<PhotoFacts | null> {
  const known = input.known
  if (!known) return null
  const now = await stat(input.path).catch(() => null)
  return now && now.size === known.bytes && now.mtimeMs === known.mtimeMs ? known : null
}

/** Past this size a photo not seen before is judged from its ends first, and read whole only once it is found sendable. */
const READ_AT_ONCE_UP_TO = 64 * 1024 * 1024

/**
 * A photo not seen before, judged; one that is neither RAW nor huge is read whole for it, since its
 * bytes are hashed next anyway: the file is read once, not twice.
 */
async function firstLook(path: string): Promise<{ inspection: Inspection; source?: Source }> {
  const info = RAW_NAME.test(path) ? null : await stat(path).catch(() => null)
  const bytes = info?.isFile() && info.size <= READ_AT_ONCE_UP_TO ? await readFile(path).catch(() => null) : null
  if (!info || !bytes) return { inspection: await inspectFile(path) }
  return { inspection: await inspectBytes(path, bytes, info.mtimeMs), source: { bytes } }
}

async function inOutputFolder(path: string, outDir: string | undefined): Promise<boolean> {
  if (!outDir) return false
  const [real, out] = await Promise.all([realpath(path).catch(() => path), realpath(outDir).catch(() => outDir)])
  return inside(real, out)
}

/**
 * The first stage of a photo's way through a batch: is it something this operation can take (once
 * fitted to its limits), and which purchase is it? Only what may have changed since the caller last
 * looked is read again.
 */
export async function preparePhoto(input: BatchInput, operation: OperationSchema, values: ParamValues, options: PrepareOptions = {}): Promise<Prepared> {
  if (input.skip) return { skip: input.skip }
  if (await inOutputFolder(input.path, options.outDir)) return { skip: OUTPUT_FOLDER_REASON }
  let facts = await stillKnown(input)
  let learnt = false
  let source: Source | undefined
  if (!facts) {
    const look = await firstLook(input.path)
    if (!look.inspection.ok) return { skip: look.inspection.reason }
    const { ok, ...fresh } = look.inspection
    facts = fresh
    source = look.source
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
