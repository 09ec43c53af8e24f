/**
 * The names of every request (renderer → main) and event (main → renderer). Kept free of zod so the
 * sandboxed preload bundles nothing but these lists; contract.ts must define a schema for each.
 */
export const REQUESTS = [
  'getState',
  // catalog
  'addPaths',
  'pickAndAdd',
  'listPhotos',
  'photoIds',
  'addDropped',
  'removePhotos',
  'setPreset',
  'setOverrides',
  'editOverrides',
  'overridesOf',
  // presets
  'savePreset',
  'applyPreset',
  'deletePreset',
  'exportPreset',
  'importPreset',
  // watched folders
  'watchFolder',
  'pickWatchFolder',
  'unwatchFolder',
  // jobs and queue
  'startBatch',
  'estimateCost',
  'pauseBatch',
  'resumeBatch',
  'cancelBatch',
  // review
  'photoResults',
  'showInFolder',
  // keys
  'setKey',
  'testKey',
  'deleteKey',
  // settings
  'updateSettings'
] as const

export const EVENTS = ['photos', 'catalog', 'preset', 'presets', 'watched', 'command', 'jobs', 'result', 'queue', 'keys', 'balance', 'settings', 'notice'] as const

export type RequestName = (typeof REQUESTS)[number]
export type EventName = (typeof EVENTS)[number]

/** Images are addressed by catalog id, never by path; main resolves the id. */
export type ImageRef = { kind: 'thumb' | 'original'; photoId: number } | { kind: 'result'; resultId: number; index: number }

export function imagePath(ref: ImageRef): string {
  return ref.kind === 'result' ? `result/${ref.resultId}/${ref.index}` : `${ref.kind}/${ref.photoId}`
}

/** Rows of the photo list per range request, and in the first state. */
export const PAGE_SIZE = 200

export const IMAGE_SCHEME = 'proofsheet-image'

/** Electron channel names are namespaced so nothing else on the bus can collide with ours. */
export const channelFor = (name: RequestName | EventName): string => `proofsheet:${name}`
