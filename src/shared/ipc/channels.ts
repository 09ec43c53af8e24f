/**
 * The names of every request (renderer → main) and event (main → renderer). Kept free of zod so the
 * sandboxed preload bundles nothing but these lists; contract.ts must define a schema for each.
 */
export const REQUESTS = [
  'getState',
  // catalog
  'addPaths',
  'pickAndAdd',
  'addUrls',
  'addFromList',
  'listPhotos',
  'photoIds',
  'addDropped',
  'removePhotos',
  'undoRemove',
  'setPreset',
  'setOverrides',
  'editOverrides',
  'overridesOf',
  // presets
  'savePreset',
  'applyPreset',
  'undoApplyPreset',
  'deletePreset',
  'exportPreset',
  'importPreset',
  // images as parameters
  'chooseParamFile',
  'paramFilePreview',
  'exportPresetFolder',
  'importPresetFile',
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
  'dismissNotice',
  // review
  'photoResults',
  'setReview',
  'chooseVariant',
  'differenceOf',
  'unchosenVariants',
  'checkStore',
  'showInFolder',
  'openInPhotoroom',
  // export
  'startExport',
  'cancelExport',
  'showExportFolder',
  'previewExportNames',
  // keys
  'setKey',
  'testKey',
  'deleteKey',
  // settings
  'updateSettings',
  // what only main's own answers carry: picked paths, confirmations
  'choosePath',
  'confirmRun',
  'confirmBudgetCap',
  'resetBudget'
] as const

export const EVENTS = ['photos', 'catalog', 'preset', 'presets', 'watched', 'command', 'jobs', 'result', 'queue', 'export', 'keys', 'balance', 'settings', 'notice'] as const

export type RequestName = (typeof REQUESTS)[number]
export type EventName = (typeof EVENTS)[number]

/**
 * Images are addressed by catalog id, never by path; main resolves the id. A photo has its thumbnail,
 * a screen-sized preview and the original; a result's output has itself, a thumbnail, a preview, and the
 * difference from the original (where the pixels changed).
 */
export type ImageRef =
  | { kind: 'thumb' | 'preview' | 'original'; photoId: number }
  | { kind: 'result' | 'result-thumb' | 'result-preview' | 'difference'; resultId: number; index: number }

export function imagePath(ref: ImageRef): string {
  return 'photoId' in ref ? `${ref.kind}/${ref.photoId}` : `${ref.kind}/${ref.resultId}/${ref.index}`
}

/** Rows of the photo list per range request, and in the first state. */
export const PAGE_SIZE = 200

export const IMAGE_SCHEME = 'proofsheet-image'

/** Electron channel names are namespaced so nothing else on the bus can collide with ours. */
export const channelFor = (name: RequestName | EventName): string => `proofsheet:${name}`
