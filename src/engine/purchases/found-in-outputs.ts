import { holdsOutput, type CachedResult } from './result-cache'

/**
 * A pruned result found again: the first of `candidates` (each a path per output) whose files still hold
 * exactly its images; null when none does. Results stored before hashes were kept are never found.
 */
export async function foundInOutputs(result: CachedResult, candidates: string[][]): Promise<string[] | null> {
  for (const paths of candidates) {
    if (paths.length !== result.outputs.length) continue
    const held = await Promise.all(result.outputs.map((o, i) => holdsOutput(paths[i] as string, o)))
    if (held.every(Boolean)) return paths
  }
  return null
}
