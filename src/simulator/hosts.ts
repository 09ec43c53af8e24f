/** The services the simulator stands in for, and the real hosts each answers for. */
export const SIMULATED = ['photoroom', 'pixelcut', 'phota'] as const
export type Provider = (typeof SIMULATED)[number]

/**
 * One listener per real host, so a client that calls the wrong host fails as it would for real (Photoroom's
 * segmentation lives on sdk.photoroom.com, its image editing and accounts on image-api.photoroom.com).
 */
export const HOSTS = {
  photoroom: { api: 'https://image-api.photoroom.com', sdk: 'https://sdk.photoroom.com' },
  pixelcut: { api: 'https://api.developer.pixelcut.ai' },
  phota: { api: 'https://api.photalabs.com' }
} as const satisfies Record<Provider, Record<string, string>>

/** Where each host listens: `urls.photoroom.sdk` is the local origin standing in for sdk.photoroom.com. */
export type SimulatorUrls = { [P in Provider]: Record<keyof (typeof HOSTS)[P], string> }

/** Consecutive ports from `first`, one per host in the order above: what `--port` promises. */
export function consecutivePorts(first: number): Record<string, Record<string, number>> {
  let next = first
  return Object.fromEntries(SIMULATED.map((p) => [p, Object.fromEntries(Object.keys(HOSTS[p]).map((host) => [host, next++]))]))
}

/** How many ports `consecutivePorts` takes. */
export const HOST_COUNT = SIMULATED.reduce((sum, p) => sum + Object.keys(HOSTS[p]).length, 0)
