import type { ReviewFlag } from '@shared/review-marks'

/** How each review flag is shown: the tile's mark and the review buttons use the same sign, so a reject never looks like a pick. */
export const FLAG_MARKS = {
  pick: { sign: '⚑', action: 'Pick', state: 'Picked' },
  reject: { sign: '✕', action: 'Reject', state: 'Rejected' }
} as const satisfies Record<ReviewFlag, { sign: string; action: string; state: string }>
