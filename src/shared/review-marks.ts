/** Culling flags, as in Lightroom: a photo is picked, rejected, or neither (null). */
export const REVIEW_FLAGS = ['pick', 'reject'] as const
/** Colour labels as in Lightroom and Bridge (keys 6 to 9), so a photographer's habits carry over. */
export const REVIEW_LABELS = ['red', 'yellow', 'green', 'blue', 'purple'] as const

export type ReviewFlag = (typeof REVIEW_FLAGS)[number]
export type ReviewLabel = (typeof REVIEW_LABELS)[number]
