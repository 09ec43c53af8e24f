import { stat } from 'node:fs/promises'
import type { OperationSchema, ParamValues } from '../../shared/operations'
import { inspectFile } from '../files/inspect'
import { hashFile, jobKey } from '../journal/job-key'
import type { BatchInput, PhotoFacts } from './input'

export type Prepared =
  | { skip: string }
  | {
      facts: PhotoFacts
      /** The purchase: the photo's bytes, the operation and its parameters. */
      key: string
      /** Set when the file had to be looked at again, so the caller can keep what was learnt. */
      learnt: boolean
    }

/** The caller's facts still hold while the file's size and modification time are what they saw. */
async function stillKnown(input: BatchInput): Promise<PhotoFacts | null> {
  const known = input.known
  if (!known) return null
  const now = await stat(input.path).catch(() => null)
  return now && now.size === known.bytes && now.mtimeMs === known.mtimeMs ? known : null
}

/**
 * The first stage of a photo's way through a batch: is it something this operation can take, and
 * which purchase is it? Only what may have changed since the caller last looked is read again.
 */
export async function preparePhoto(input: BatchInput, operation: OperationSchema, values: ParamValues): Promise<Prepared> {
  if (input.skip) return { skip: input.skip }
  let facts = await stillKnown(input)
  let learnt = false
  if (!facts) {
    const inspection = await inspectFile(input.path)
    if (!inspection.ok) return { skip: inspection.reason }
    const { ok, ...fresh } = inspection
    facts = fresh
    learnt = true
  }
  const problems = operation.inputProblems(facts, values)
  if (problems.length) return { skip: problems.join('; ') }
  if (!facts.contentHash) {
    facts = { ...facts, contentHash: await hashFile(input.path) }
    learnt = true
  }
  return { facts, key: jobKey(facts.contentHash as string, operation.id, values), learnt }
}
