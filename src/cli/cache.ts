import { join } from 'node:path'
import { cacheUsage, pruneCache } from '../engine'
import { EXIT } from './exit-codes'

const size = (bytes: number): string => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`)

/**
 * `batch -- cache [--clear]`: what the kept results take in the state folder, and clearing their image
 * bytes. Purchase records stay, so what was bought is still known; cleared photos are bought again if asked for.
 */
export async function cacheCommand(argv: string[], stateDir: string, out: (line: string) => void): Promise<number> {
  const clear = argv.includes('--clear')
  const unknown = argv.filter((a) => a !== '--clear')
  if (unknown.length) {
    out(`proofsheet cache: unknown option ${unknown[0]} (use: cache, or cache --clear)`)
    return EXIT.usage
  }
  if (clear) {
    const { freedBytes } = await pruneCache(stateDir, 0)
    out(`Cleared ${size(freedBytes)} of kept results in ${stateDir}. Purchase records are kept.`)
    return EXIT.ok
  }
  const usage = await cacheUsage(join(stateDir, 'results'))
  out(`${usage.results} kept results, ${size(usage.bytes)}, in ${stateDir}.`)
  return EXIT.ok
}
