import { PROVIDERS } from '../engine/providers/registry'

/** Consecutive ports from `first`, one per host in the registry's order: what `--port` promises. */
export function consecutivePorts(first: number): Record<string, Record<string, number>> {
  let next = first
  return Object.fromEntries(PROVIDERS.map((p) => [p.id, Object.fromEntries(Object.keys(p.hosts).map((host) => [host, next++]))]))
}

/** How many ports `consecutivePorts` takes. */
export const HOST_COUNT = PROVIDERS.reduce((sum, p) => sum + Object.keys(p.hosts).length, 0)
