/**
 * The names of every request (renderer → main) and event (main → renderer). Kept free of zod so the
 * sandboxed preload bundles nothing but these lists; contract.ts must define a schema for each.
 */
export const REQUESTS = [
  'getState',
  'addPaths',
  'pickAndAdd',
  'removeImages',
  'setPreset',
  'setOverrides',
  'setKey',
  'testKey',
  'deleteKey',
  'updateSettings',
  'startBatch',
  'pauseBatch',
  'resumeBatch',
  'cancelBatch',
  'showInFolder'
] as const

export const EVENTS = ['library', 'jobs', 'result', 'balance', 'queue', 'keys', 'settings', 'notice'] as const

export type RequestName = (typeof REQUESTS)[number]
export type EventName = (typeof EVENTS)[number]

/** Images are addressed by library ID, never by path; main resolves the ID. */
export type ImageRef = { kind: 'thumb' | 'original'; imageId: string } | { kind: 'result'; imageId: string; index: number }

export function imagePath(ref: ImageRef): string {
  const id = encodeURIComponent(ref.imageId)
  return ref.kind === 'result' ? `result/${id}/${ref.index}` : `${ref.kind}/${id}`
}

export const IMAGE_SCHEME = 'proofsheet-image'

/** Electron channel names are namespaced so nothing else on the bus can collide with ours. */
export const channelFor = (name: RequestName | EventName): string => `proofsheet:${name}`
