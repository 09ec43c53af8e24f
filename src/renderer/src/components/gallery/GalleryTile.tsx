import { photoState } from '@shared/ipc/photo-state'
import { useStore } from '../../store'
import { jobSelectors } from '../../store/jobs-slice'
import { photoSelectors } from '../../store/photos-slice'
import { selectionSelectors } from '../../store/selection-slice'
import { clickPhoto } from './gallery-ids'
import { StoreBadge } from '../../review/StoreBadge'
import { FLAG_MARKS } from '../../review/flag-marks'
import { PHOTO_STATE_LABELS } from './photo-state-labels'
import { reasonHeading } from '@shared/reason-heading'
import { formatLabel, PhotoThumb } from './PhotoThumb'
import type { PhotoRow } from '../../store/types'

/** What a tile shows, in words: an option's content is hidden from screen readers, so it is said in its description. */
function tileDescription(photo: PhotoRow, shown: { state: string; reason: string; overridden: boolean; unchosen: boolean }): string {
  const { review, storeCheck } = photo
  return [
    shown.state,
    shown.reason,
    review.flag ? FLAG_MARKS[review.flag].state : '',
    review.rating > 0 ? `${review.rating} star${review.rating > 1 ? 's' : ''}` : '',
    review.label ? `${review.label} label` : '',
    shown.overridden ? 'has its own parameters' : '',
    shown.unchosen ? `newest of ${photo.results} variants` : '',
    storeCheck ? `${storeCheck.passed ? 'meets' : 'fails'} ${storeCheck.rule}` : ''
  ]
    .filter(Boolean)
    .join(', ')
}

/** One photo of the grid, subscribed to that photo alone, so one job's progress redraws one tile. */
export function GalleryTile({ index, size, onOpen }: { index: number; size: number; onOpen(id: number): void }): React.JSX.Element {
  const id = useStore(photoSelectors.idAt(index))
  const photo = useStore(photoSelectors.byId(id))
  const job = useStore((s) => (id === undefined ? undefined : jobSelectors.forPhoto(id)(s)))
  const selected = useStore(selectionSelectors.isSelected(id))
  const active = useStore((s) => id !== undefined && s.anchor === id)
  if (!photo) return <div className="tile loading" style={{ width: size }} aria-busy="true" />
  const state = photoState(job?.state, photo.results)
  const reason = job?.reason ?? photo.reason
  const overridden = Object.keys(photo.overrides).length > 0
  const shown = photo.shownResult
  // Several variants and none chosen: the newest ships, and a later run would change it.
  const unchosen = shown !== null && !shown.chosen && photo.results > 1
  const notes = job?.notes ?? []
  const showsReason = !!reason && (state === 'skipped' || state === 'failed' || photo.facts === 'unreadable')
  const description = tileDescription(photo, { state: PHOTO_STATE_LABELS[state], reason: showsReason ? reasonHeading(reason) : '', overridden, unchosen })
  return (
    <div
      role="option"
      id={`photo-${photo.id}`}
      aria-selected={selected}
      aria-label={photo.name}
      aria-description={description}
      data-photo-id={photo.id}
      data-state={state}
      data-shipped={shown ? (shown.chosen ? 'chosen' : 'newest') : undefined}
      className={active ? 'tile active' : 'tile'}
      style={{ width: size }}
      onClick={(e) => void clickPhoto(photo.id, { shift: e.shiftKey, toggle: e.metaKey || e.ctrlKey })}
      onDoubleClick={() => onOpen(photo.id)}
    >
      <div className="tile-image" style={{ height: size }}>
        {shown ? (
          <PhotoThumb className="result" alt={`Result of ${photo.name} (what export writes)`} format={formatLabel(photo)} src={window.proofsheet.imageUrl({ kind: 'result-thumb', resultId: shown.id, index: shown.output })} />
        ) : (
          // Asked again once the file is read again (a copy that finished late): the same address would keep the failed picture.
          <PhotoThumb alt={photo.name} format={formatLabel(photo)} src={`${window.proofsheet.imageUrl({ kind: 'thumb', photoId: photo.id })}?file=${photo.facts}-${photo.bytes}`} />
        )}
        <span className={`badge ${state}`} title={reason ?? undefined} data-testid="state-badge">
          {PHOTO_STATE_LABELS[state]}
        </span>
        {showsReason && (
          <span className="tile-reason" title={reason} data-testid="tile-reason">
            {reasonHeading(reason)}
          </span>
        )}
        {unchosen && (
          <span className="newest-marker" title={`Export writes the newest of ${photo.results} variants: none is chosen in the loupe, so a later run changes it.`} data-testid="newest-marker">
            Newest
          </span>
        )}
        {overridden && (
          <span className="override-marker" title="Has its own parameters" aria-label="Has its own parameters">
            ●
          </span>
        )}
      </div>
      <div className="tile-caption">
        <span className="tile-name" title={photo.path}>
          {photo.name}
        </span>
        <span className="tile-marks">
          {photo.review.flag && (
            <span className={`flag ${photo.review.flag}`} aria-label={FLAG_MARKS[photo.review.flag].state}>
              {FLAG_MARKS[photo.review.flag].sign}
            </span>
          )}
          {photo.review.rating > 0 && <span className="rating" aria-label={`${photo.review.rating} stars`}>{'★'.repeat(photo.review.rating)}</span>}
          {photo.review.label && <span className={`label-dot ${photo.review.label}`} title={`${photo.review.label} label`} aria-label={`${photo.review.label} label`} data-testid="label-dot" />}
          <span className="spacer" />
          {notes.length > 0 && (
            <span className="notes-marker" title={notes.join('\n')} aria-label={`Notes: ${notes.join('; ')}`} data-testid="notes-marker">
              i
            </span>
          )}
          <StoreBadge check={photo.storeCheck} />
          {photo.results > 0 && <span className="result-count" title={`${photo.results} result${photo.results > 1 ? 's' : ''}`}>{photo.results}</span>}
        </span>
      </div>
    </div>
  )
}
