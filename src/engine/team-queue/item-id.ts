import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { jobKey } from '../purchases/job-key'
import type { NewWorkItem } from '../work/work-item'

/**
 * A work item's id in the team queue: the photo file (by path, size and time, so nothing is read
 * to enqueue a 100,000-photo catalog), its operation and parameters canonicalised as a purchase is,
 * the key that pays and where its result goes. The same photo with the same parameters into the same
 * folder, enqueued twice or by two seats, is one job; the purchase itself (by the bytes) is guarded
 * again when it is bought, by its purchase key.
 */
export async function itemId(item: NewWorkItem): Promise<string> {
  const { spec } = item
  const file = await stat(spec.path).catch(() => null)
  const photo = `${spec.path}\0${file?.size ?? 'missing'}\0${file?.mtimeMs ?? ''}`
  const parts = [jobKey(photo, spec.operation, spec.values), spec.output.base, String(spec.output.count), spec.keyKind ?? 'saved', spec.fit === false ? 'no-fit' : 'fit', spec.skip ?? '']
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 40)
}
