/** Photoroom sandbox keys (a live key prefixed `sandbox_`) are free, watermarked, and taken only by the v2 edit API. */
export function isSandboxKey(key: string): boolean {
  return key.startsWith('sandbox_')
}
