import { call } from '../api'
import type { PhotoRow } from '../store/types'
import type { Marks } from './culling-keys'
import { FLAG_MARKS } from './flag-marks'

const LABEL_NAMES = ['red', 'yellow', 'green', 'blue'] as const

/** Flag, stars and colour label of one photo, each a button, with the key that does the same. */
export function ReviewMarks({ photo, onMarked }: { photo: PhotoRow; onMarked: () => void }): React.JSX.Element {
  const mark = (marks: Marks): void => void call('setReview', { photoIds: [photo.id], ...marks }).then(onMarked)
  const { flag, rating, label } = photo.review
  return (
    <div className="review-marks" aria-label="Review marks">
      <div role="group" aria-label="Flag">
        <button type="button" aria-pressed={flag === 'pick'} title="Pick (P)" onClick={() => mark({ flag: 'pick' })}>
          {FLAG_MARKS.pick.sign} {FLAG_MARKS.pick.action}
        </button>
        <button type="button" aria-pressed={flag === 'reject'} title="Reject (X)" onClick={() => mark({ flag: 'reject' })}>
          {FLAG_MARKS.reject.sign} {FLAG_MARKS.reject.action}
        </button>
        <button type="button" aria-pressed={flag === null} title="Unflag (U)" onClick={() => mark({ flag: null })}>
          Unflag
        </button>
      </div>
      <div role="group" aria-label={`Rating: ${rating} of 5`}>
        {[1, 2, 3, 4, 5].map((stars) => (
          <button key={stars} type="button" className="star" aria-pressed={rating >= stars} title={`${stars} (${stars})`} onClick={() => mark({ rating: rating === stars ? 0 : stars })}>
            {rating >= stars ? '★' : '☆'}
          </button>
        ))}
      </div>
      <div role="group" aria-label="Colour label">
        {LABEL_NAMES.map((name, i) => (
          <button key={name} type="button" className={`label-swatch ${name}`} aria-pressed={label === name} title={`${name} (${i + 6})`} onClick={() => mark({ label: label === name ? null : name })}>
            <span className="visually-hidden">{name}</span>
          </button>
        ))}
      </div>
    </div>
  )
}
