import type { PhotoState } from '../../store/types'

/** A photo's state as the badge and the filter name it. */
export const PHOTO_STATE_LABELS: Record<PhotoState, string> = { 'not-run': 'Not run', queued: 'Queued', sending: 'Sending', done: 'Done', failed: 'Failed', skipped: 'Skipped' }
