import { readFile, stat } from 'node:fs/promises'
import { sha256, type CachedResult } from './result-cache'

/** Whether `path` holds exactly this output: its size first, then its hash. */
async function holds(path: string, output: CachedResult['outputs'][number]): Promise<boolean> {
  if (!output.sha256) return false
  const info = await stat(path).catch(() => null)
  if (!info?.isFile() || info.size !== output.bytes) return false
  return sha256(await readFile(path)) === output.sha256
}

/**
 * A pruned result found again: the first of `candidates` (each a path per output) whose files still hold
 * exactly its images; null when none does. Results stored before hashes were kept are never found.
 */
export async function foundInOutputs(result: CachedResult, candidates: string[][]): Promise<string[] | null> {
  for (const paths of candidates) {
    if (paths.length !== result.outputs.length) continue
    const held = await Promise.all(result.outputs.map((o, i) => holds(paths[i] as string, o)))
    if (held.every(Boolean)) return paths
  }
  return null
}
