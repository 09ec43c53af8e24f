import { REVIEW_FLAGS, REVIEW_LABELS, type ReviewFlag as Flag, type ReviewLabel as Label } from '../../shared/review-marks'
import type { Db } from './database'
import { noSuchPhoto } from './missing'

export interface ReviewRow {
  photoId: number
  flag: Flag | null
  /** 0 (unrated) to 5 stars. */
  rating: number
  label: Label | null
  /** The variant the user keeps, and which of its outputs. */
  chosenResultId: number | null
  chosenOutput: number | null
}

export type ReviewPatch = Partial<Omit<ReviewRow, 'photoId'>>

interface Stored {
  photo_id: number
  flag: Flag | null
  rating: number
  label: Label | null
  chosen_result_id: number | null
  chosen_output: number | null
}

function toReview(row: Stored): ReviewRow {
  return { photoId: row.photo_id, flag: row.flag, rating: row.rating, label: row.label, chosenResultId: row.chosen_result_id, chosenOutput: row.chosen_output }
}

function unreviewed(photoId: number): ReviewRow {
  return { photoId, flag: null, rating: 0, label: null, chosenResultId: null, chosenOutput: null }
}

/** Flags, stars, colour labels and the chosen variant: one row per reviewed photo. */
export class Reviews {
  private readonly byPhoto
  private readonly many
  private readonly upsert
  private readonly photoExists
  private readonly outputCount
  private readonly newest

  constructor(private readonly db: Db) {
    this.byPhoto = db.prepare<[number], Stored>('SELECT * FROM review WHERE photo_id = ?')
    this.many = db.prepare<[string], Stored>('SELECT * FROM review WHERE photo_id IN (SELECT value FROM json_each(?))')
    this.upsert = db.prepare<[number, Flag | null, number, Label | null, number | null, number | null]>(
      `INSERT INTO review (photo_id, flag, rating, label, chosen_result_id, chosen_output) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (photo_id) DO UPDATE SET flag = excluded.flag, rating = excluded.rating, label = excluded.label,
         chosen_result_id = excluded.chosen_result_id, chosen_output = excluded.chosen_output`
    )
    this.photoExists = db.prepare<[number], number>('SELECT 1 FROM photos WHERE id = ?').pluck()
    this.newest = db.prepare<[number], number>('SELECT max(id) FROM results WHERE photo_id = ?').pluck()
    // Null when the result is not one of this photo's.
    this.outputCount = db.prepare<[number, number], number>(
      'SELECT count(o.id) FROM results AS r LEFT JOIN result_outputs AS o ON o.result_id = r.id WHERE r.id = ? AND r.photo_id = ? GROUP BY r.id'
    ).pluck()
  }

  /** An unreviewed photo reads as no flag, no stars, no label. */
  review(photoId: number): ReviewRow {
    const row = this.byPhoto.get(photoId)
    return row ? toReview(row) : unreviewed(photoId)
  }

  reviews(photoIds: readonly number[]): Map<number, ReviewRow> {
    const reviews = new Map(photoIds.map((id) => [id, unreviewed(id)]))
    for (const row of this.many.all(JSON.stringify(photoIds))) reviews.set(row.photo_id, toReview(row))
    return reviews
  }

  /** Throws an Error naming the field when a value is out of range; nothing is written then. */
  set(photoId: number, patch: ReviewPatch): ReviewRow {
    // Read, merge and write as one, so a patch never lands on a review another process just changed.
    return this.db.transaction(() => {
      if (!this.photoExists.get(photoId)) throw noSuchPhoto(photoId)
      const next = { ...this.review(photoId), ...patch }
      if (patch.chosenResultId === null && !('chosenOutput' in patch)) next.chosenOutput = null
      // Approving a photo approves what it shows: a later run (an A/B test) must not change what ships.
      if (patch.flag === 'pick' && next.chosenResultId === null) {
        next.chosenResultId = this.newest.get(photoId) ?? null
        next.chosenOutput = next.chosenResultId === null ? null : 0
      }
      this.check(next)
      this.upsert.run(photoId, next.flag, next.rating, next.label, next.chosenResultId, next.chosenOutput)
      return next
    }).immediate()
  }

  private check(review: ReviewRow): void {
    const { flag, rating, label, chosenResultId, chosenOutput } = review
    if (flag !== null && !REVIEW_FLAGS.includes(flag)) throw new Error(`flag must be ${REVIEW_FLAGS.join(' or ')} or null, not ${JSON.stringify(flag)}.`)
    if (!Number.isInteger(rating) || rating < 0 || rating > 5) throw new Error(`rating must be a whole number from 0 to 5, not ${JSON.stringify(rating)}.`)
    if (label !== null && !REVIEW_LABELS.includes(label)) throw new Error(`label must be one of ${REVIEW_LABELS.join(', ')} or null, not ${JSON.stringify(label)}.`)
    if (chosenResultId === null) {
      if (chosenOutput !== null) throw new Error('chosenOutput needs a chosenResultId.')
      return
    }
    const outputs = this.outputCount.get(chosenResultId, review.photoId)
    if (outputs === undefined) throw new Error(`chosenResultId ${chosenResultId} is not a result of photo ${review.photoId}.`)
    if (chosenOutput !== null && (!Number.isInteger(chosenOutput) || chosenOutput < 0 || chosenOutput >= outputs)) {
      throw new Error(`chosenOutput must be an output of result ${chosenResultId} (0 to ${outputs - 1}), not ${JSON.stringify(chosenOutput)}.`)
    }
  }
}
