import { join } from 'node:path'
import { cacheUsage, pruneCache } from '../../engine'

/**
 * What a Settings "Clear kept results" button needs: the size of the paid results kept in the state
 * folder, and clearing their image bytes (purchase records stay).
 */
export class KeptResults {
  constructor(private readonly stateDir: string) {}

  usage(): Promise<{ bytes: number; results: number }> {
    return cacheUsage(join(this.stateDir, 'results'))
  }

  async clear(): Promise<{ freedBytes: number }> {
    return pruneCache(this.stateDir, 0)
  }
}
