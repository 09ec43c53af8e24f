import type { ProviderId } from './types'

/** Photoroom sandbox keys (a live key prefixed `sandbox_`) are free, watermarked, and taken only by the v2 edit API. */
export function isSandboxKey(provider: ProviderId, key: string): boolean {
  return provider === 'photoroom' && key.startsWith('sandbox_')
}
